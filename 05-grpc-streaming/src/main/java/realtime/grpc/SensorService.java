package realtime.grpc;

import io.grpc.stub.StreamObserver;
import realtime.grpc.api.ReadingSummary;
import realtime.grpc.api.SensorReading;
import realtime.grpc.api.SensorServiceGrpc;

/** Temperature readings from a refrigerated truck: many in, one summary out. */
public final class SensorService extends SensorServiceGrpc.SensorServiceImplBase {

    /** Client streaming: reads every reading of the call, then sends one summary. */
    @Override
    public StreamObserver<SensorReading> recordReadings(StreamObserver<ReadingSummary> responseObserver) {
        return new ReadingsRecorder(responseObserver);
    }
}
