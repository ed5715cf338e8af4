package io.imlab.cli.runtime;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal test server (from {@code temporal-test-server}) serving real gRPC in this JVM, in real time
 * (no time skipping), on a free port of the loopback interface.
 *
 * <p>{@code TestServer.createPortBoundServer} would bind every interface and needs a port chosen in advance;
 * this class wires the same two pieces ({@link TestServicesStarter}, {@link GRPCServerHelper}) onto a
 * loopback-only Netty server with an ephemeral port, so an unauthenticated Temporal endpoint is never exposed
 * to the network and two runs never race for a port. State is in memory only: it is gone when the process
 * ends, which is why run results also go to the object store.
 */
public final class EmbeddedTemporalServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTemporalServer.class);

    private final TestServicesStarter services;
    private final Server server;

    private EmbeddedTemporalServer(TestServicesStarter services, Server server) {
        this.services = services;
        this.server = server;
    }

    /**
     * Starts the server.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static EmbeddedTemporalServer start() {
        // lockTimeSkipping = true: timers fire in real time, as on a real cluster.
        TestServicesStarter services = new TestServicesStarter(true, 0);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), InsecureServerCredentials.create());
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        try {
            Server server = builder.build().start();
            EmbeddedTemporalServer started = new EmbeddedTemporalServer(services, server);
            LOG.info("embedded Temporal server on {}", started.target());
            return started;
        } catch (IOException e) {
            services.close();
            throw new UncheckedIOException("cannot start the embedded Temporal server", e);
        }
    }

    /** gRPC target for {@code WorkflowServiceStubsOptions.setTarget}, e.g. {@code 127.0.0.1:40123}. */
    public String target() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
    }

    /** Stops serving and drops all workflow state. */
    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            services.close();
        }
    }
}
