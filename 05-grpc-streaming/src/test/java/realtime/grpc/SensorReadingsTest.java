package realtime.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.grpc.api.ReadingSummary;
import realtime.grpc.api.SensorReading;
import realtime.grpc.api.SensorServiceGrpc;
import realtime.testkit.Cleanup;

@Tag("step-4")
@DisplayName("Step 4 — Summarise a stream of sensor readings")
class SensorReadingsTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private ManagedChannel channel;

    @BeforeEach
    void startServer() {
        String name = InProcess.uniqueName();
        InProcess.startServer(cleanup, name, new SensorService());
        channel = InProcess.channel(cleanup, name);
    }

    @Test
    @DisplayName("summarises every reading of the call")
    void summarisesReadings() {
        Collector<ReadingSummary> response = send(reading("truck-7", 3.5), reading("truck-7", 4.0),
                reading("truck-7", 2.0), reading("truck-8", 6.5));

        ReadingSummary summary = awaitSummary(response);

        assertThat(summary.getCount()).as("Step 4: 4 readings sent").isEqualTo(4);
        assertThat(summary.getMinCelsius()).as("Step 4: lowest reading").isEqualTo(2.0);
        assertThat(summary.getMaxCelsius()).as("Step 4: highest reading").isEqualTo(6.5);
        assertThat(summary.getMeanCelsius()).as("Step 4: mean of 3.5, 4.0, 2.0 and 6.5").isCloseTo(4.0, within(1e-9));
    }

    @Test
    @DisplayName("answers a call with no readings with a count of zero")
    void answersEmptyCall() {
        Collector<ReadingSummary> response = send();

        ReadingSummary summary = awaitSummary(response);

        assertThat(summary).as("Step 4: no readings gives an all-zero summary, not an error or a NaN mean")
                .isEqualTo(ReadingSummary.getDefaultInstance());
    }

    @Test
    @DisplayName("rejects a reading with an empty sensor id with INVALID_ARGUMENT")
    void rejectsEmptySensorId() {
        Collector<ReadingSummary> response = send(reading("truck-7", 3.5), reading("", 4.0));

        Status status = awaitFailure(response, "Step 4: a reading with an empty sensor_id must end the call with an error");

        assertThat(status.getCode()).as("Step 4: got %s. See ReadingsRecorder.onNext.", status)
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).as("Step 4: the description names the field").contains("sensor_id");
    }

    @Test
    @DisplayName("rejects a temperature that is not a finite number with INVALID_ARGUMENT")
    void rejectsNonFiniteTemperature() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            Collector<ReadingSummary> response = send(reading("truck-7", 3.5), reading("truck-7", bad));

            Status status = awaitFailure(response, "Step 4: a reading of " + bad + " °C must end the call with an error");

            assertThat(status.getCode()).as("Step 4: celsius %s, got %s. See ReadingsRecorder.onNext.", bad, status)
                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(status.getDescription()).as("Step 4: the description names the field").contains("celsius");
        }
    }

    private Collector<ReadingSummary> send(SensorReading... readings) {
        Collector<ReadingSummary> response = new Collector<>();
        StreamObserver<SensorReading> requests = SensorServiceGrpc.newStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .recordReadings(response);
        for (SensorReading reading : readings) {
            requests.onNext(reading);
        }
        requests.onCompleted();
        return response;
    }

    private static ReadingSummary awaitSummary(Collector<ReadingSummary> response) {
        await("Step 4: the summary after the client completes").until(response.done::isDone);
        Status failure = Statuses.statusOf(response.error());
        assertThat(failure).as("Step 4: the call must succeed, got %s", failure).isNull();
        assertThat(response.values).as("Step 4: exactly one summary. See ReadingsRecorder.onCompleted.").hasSize(1);
        return response.values.get(0);
    }

    private static Status awaitFailure(Collector<ReadingSummary> response, String expectation) {
        await(expectation).until(response.done::isDone);
        Status status = Statuses.statusOf(response.error());
        assertThat(status).as(expectation + ", but the call succeeded with " + response.values).isNotNull();
        return status;
    }

    private static SensorReading reading(String sensorId, double celsius) {
        return SensorReading.newBuilder().setSensorId(sensorId).setCelsius(celsius).build();
    }
}
