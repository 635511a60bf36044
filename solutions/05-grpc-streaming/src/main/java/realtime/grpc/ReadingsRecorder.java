package realtime.grpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import realtime.grpc.api.ReadingSummary;
import realtime.grpc.api.SensorReading;

/**
 * One RecordReadings call. It keeps running figures, not the readings, so a long upload costs the
 * server a few numbers. gRPC calls it from one thread at a time.
 */
final class ReadingsRecorder implements StreamObserver<SensorReading> {

    private static final Logger log = LoggerFactory.getLogger(ReadingsRecorder.class);

    private final StreamObserver<ReadingSummary> response;
    private boolean failed;
    private long count;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double sum;

    ReadingsRecorder(StreamObserver<ReadingSummary> response) {
        this.response = response;
    }

    @Override
    public void onNext(SensorReading reading) {
        // >>> step 4: end the call with INVALID_ARGUMENT for a bad reading, else add it to the figures
        if (failed) {
            return;
        }
        long position = count + 1;
        if (reading.getSensorId().isBlank()) {
            fail("sensor_id must not be empty (reading " + position + ")");
            return;
        }
        if (!Double.isFinite(reading.getCelsius())) {
            fail("celsius must be a finite number, got " + reading.getCelsius()
                    + " (reading " + position + ", sensor " + reading.getSensorId() + ")");
            return;
        }

        count++;
        min = Math.min(min, reading.getCelsius());
        max = Math.max(max, reading.getCelsius());
        sum += reading.getCelsius();
        // <<< step 4
    }

    @Override
    public void onError(Throwable error) {
        log.debug("Client abandoned its readings after {}: {}", count, error.toString());
    }

    @Override
    public void onCompleted() {
        // >>> step 4: send one summary of every reading, then complete the call
        if (failed) {
            return;
        }
        ReadingSummary.Builder summary = ReadingSummary.newBuilder().setCount(count);
        if (count > 0) {
            summary.setMinCelsius(min).setMaxCelsius(max).setMeanCelsius(sum / count);
        }
        response.onNext(summary.build());
        response.onCompleted();
        // <<< step 4
    }

    private void fail(String description) {
        failed = true;
        response.onError(Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException());
    }
}
