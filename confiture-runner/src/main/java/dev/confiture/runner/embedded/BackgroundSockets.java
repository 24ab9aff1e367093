package dev.confiture.runner.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.SocketFactory;

/**
 * The sockets of the statements that make a project server's spares ({@link SpareDatabases}), closed
 * when the JVM exits. Those statements leave on daemon threads near the end of a goal and may
 * still be running when it ends; the JVM, as it exits, waits up to 300 ms for every thread blocked in
 * native code, a socket read included (HotSpot's final safepoint), which cost a small diff a third of a
 * second after BUILD SUCCESS. With their sockets closed first, the threads leave their reads at once.
 * The server is not told: a statement it received runs to its end (PostgreSQL looks at its client
 * again only to send the result), so the spare is still made; one the server never
 * received is left to the next build. PgJDBC makes this factory by name ({@code socketFactory}).
 */
public final class BackgroundSockets extends SocketFactory {

    private static final Set<Socket> OPEN = ConcurrentHashMap.newKeySet();

    static {
        try {
            // A thread made now, with its code loaded: a shutdown hook can load no class from a plugin's
            // class realm, which Maven has closed by then.
            Runtime.getRuntime().addShutdownHook(new Thread(BackgroundSockets::closeAll, "confiture-background-sockets"));
        } catch (IllegalStateException shuttingDown) {
            // loaded while the JVM exits: nothing will be sent any more
        }
    }

    /** The URL parameter that makes PgJDBC open its socket here. */
    static String urlParameter() {
        return "socketFactory=" + BackgroundSockets.class.getName();
    }

    /** Closes every socket still open; the threads reading them get an error, which they ignore. */
    static void closeAll() {
        for (Socket socket : OPEN) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all that is wanted
            }
        }
    }

    /** How many are open, for tests. */
    static int open() {
        return OPEN.size();
    }

    @Override
    public Socket createSocket() {
        return new Tracked();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    /** A tracked socket connected to {@code remote}, bound first to {@code local} when given. */
    private static Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = new Tracked();
        if (local != null) {
            socket.bind(local);
        }
        socket.connect(remote);
        return socket;
    }

    /** A socket known to {@link #closeAll} until it is closed. */
    private static final class Tracked extends Socket {

        Tracked() {
            OPEN.add(this);
        }

        @Override
        public synchronized void close() throws IOException {
            OPEN.remove(this);
            super.close();
        }
    }
}
