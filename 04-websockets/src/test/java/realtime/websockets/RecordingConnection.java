package realtime.websockets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import realtime.testkit.Json;

/** A connection in memory: records what the chat core writes to it, for tests that need no network. */
final class RecordingConnection implements Connection {

    private final List<String> written = new ArrayList<>();
    private Integer closeCode;
    private int pings;

    @Override
    public synchronized boolean write(String text) {
        if (closeCode != null) {
            return false;
        }
        written.add(text);
        return true;
    }

    @Override
    public int unwritten() {
        return 0;
    }

    @Override
    public synchronized void close(int code, String reason) {
        closeCode = code;
    }

    @Override
    public synchronized void abort(String reason) {
        closeCode = CloseCodes.ABNORMAL;
    }

    @Override
    public synchronized void ping() {
        pings++;
    }

    synchronized int pings() {
        return pings;
    }

    synchronized List<JsonNode> messages() {
        return written.stream().map(Json::parse).toList();
    }

    synchronized Integer closeCode() {
        return closeCode;
    }
}
