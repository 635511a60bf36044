package realtime.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The module's gRPC server on the Netty transport: order tracking, chat, sensor readings, the
 * standard health service and server reflection, on the loopback interface.
 */
public final class OrderServer implements AutoCloseable {

    /** Time between the server's keepalive pings on a connection with no traffic. */
    static final Duration KEEPALIVE_TIME = Duration.ofMinutes(1);
    /**
     * Shortest ping interval the server accepts from a client. A client that pings more often gets
     * GOAWAY ENHANCE_YOUR_CALM, so {@link OrderTrackingClient#connect} pings no more often than this.
     */
    static final Duration PERMIT_KEEPALIVE_TIME = Duration.ofSeconds(20);

    private static final Logger log = LoggerFactory.getLogger(OrderServer.class);

    private final Server server;
    private final HealthStatusManager health = new HealthStatusManager();
    private final StreamStats stats = new StreamStats();
    private final ChatRoom chat = new ChatRoom();

    private OrderServer(int port, OrderLog orders) {
        List<BindableService> services = List.of(new OrderTrackingService(orders, stats), chat, new SensorService());
        NettyServerBuilder builder = NettyServerBuilder
                .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .keepAliveTime(KEEPALIVE_TIME.toSeconds(), TimeUnit.SECONDS)
                .keepAliveTimeout(20, TimeUnit.SECONDS)
                .permitKeepAliveTime(PERMIT_KEEPALIVE_TIME.toSeconds(), TimeUnit.SECONDS)
                .addService(health.getHealthService())
                // Lets tools such as grpcurl list the services and call them without the .proto files.
                .addService(ProtoReflectionServiceV1.newInstance());
        for (BindableService service : services) {
            builder.addService(ServerInterceptors.intercept(service, new TodoInterceptor()));
        }
        server = builder.build();

        for (BindableService service : services) {
            health.setStatus(service.bindService().getServiceDescriptor().getName(), ServingStatus.SERVING);
        }
    }

    /** Starts a server on the given loopback port; 0 picks a free one. */
    public static OrderServer start(int port, OrderLog orders) {
        OrderServer orderServer = new OrderServer(port, orders);
        try {
            orderServer.server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the gRPC server on port " + port
                    + ". Is another process using it?", e);
        }
        log.info("gRPC server listening on {}:{}", InetAddress.getLoopbackAddress().getHostAddress(), orderServer.port());
        return orderServer;
    }

    public int port() {
        return server.getPort();
    }

    public StreamStats stats() {
        return stats;
    }

    public ChatRoom chat() {
        return chat;
    }

    /**
     * Stops taking calls, lets the calls in flight finish for up to {@code grace}, then cancels the
     * rest. Returns after the server has terminated.
     */
    public void stopGracefully(Duration grace) throws InterruptedException {
        // >>> step 7: report NOT_SERVING, refuse new calls, wait up to grace, then cancel the rest
        health.enterTerminalState();
        server.shutdown();
        if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            log.info("Calls still open after {} ms; cancelling them", grace.toMillis());
            server.shutdownNow();
            server.awaitTermination();
        }
        log.info("gRPC server stopped");
        // <<< step 7
    }

    /** Stops at once, cancelling every call in flight. */
    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination();
    }
}
