package realtime.grpc;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import realtime.testkit.Cleanup;

/**
 * In-process gRPC servers and channels for tests: no sockets, and the same flow control as a
 * network transport, only tighter. A server there is ready for a message only while the client
 * has requested one.
 */
final class InProcess {

    private InProcess() {
    }

    /** Returns a server name no other test uses. */
    static String uniqueName() {
        return InProcessServerBuilder.generateName();
    }

    /** Starts a server with the services behind the {@link TodoInterceptor}, closed after the test. */
    static Server startServer(Cleanup cleanup, String name, BindableService... services) {
        return startServer(cleanup, name, List.of(), services);
    }

    /** Same as {@link #startServer(Cleanup, String, BindableService...)}, with more interceptors outside. */
    static Server startServer(Cleanup cleanup, String name, List<ServerInterceptor> outer, BindableService... services) {
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
        for (BindableService service : services) {
            ServerServiceDefinition definition = ServerInterceptors.intercept(service, new TodoInterceptor());
            builder.addService(ServerInterceptors.intercept(definition, outer));
        }
        try {
            Server server = builder.build().start();
            cleanup.add(() -> server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the in-process server " + name, e);
        }
    }

    /** Opens a channel to the named server, closed after the test. */
    static ManagedChannel channel(Cleanup cleanup, String name) {
        ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
        cleanup.add(() -> channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
        return channel;
    }
}
