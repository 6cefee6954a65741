package io.uplink.metadata.scanner;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server that speaks clamd's protocol as the ClamAV manual describes it: {@code z}- (NUL-terminated) and
 * {@code n}- (newline-terminated) commands, {@code PING} → {@code PONG}, and {@code INSTREAM}: length-prefixed chunks
 * up to a zero-length one, refused past its {@code StreamMaxLength} with {@code INSTREAM size limit exceeded. ERROR}.
 * Instead of signatures it knows one: the EICAR test file, answered {@code stream: Eicar-Test-Signature FOUND}. It
 * keeps every stream it received, and can be made to hang up without answering, as a clamd going down does.
 */
public final class FakeClamd implements AutoCloseable {

    /** The EICAR anti-virus test file, assembled so that this source file is not itself "infected". */
    public static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!" + "$H+H*";

    private final ServerSocket server;
    private final long streamMaxLength;
    private final List<byte[]> streams = new CopyOnWriteArrayList<>();
    private volatile boolean hangingUp;

    private FakeClamd(ServerSocket server, long streamMaxLength) {
        this.server = server;
        this.streamMaxLength = streamMaxLength;
        Thread acceptor = new Thread(this::accept, "fake-clamd");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static FakeClamd start(long streamMaxLength) {
        try {
            return new FakeClamd(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), streamMaxLength);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Every INSTREAM body received to its end, in order. */
    public List<byte[]> streams() {
        return List.copyOf(streams);
    }

    /** While true, every connection is closed at once without a reply. */
    public void hangUp(boolean hangingUp) {
        this.hangingUp = hangingUp;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                Thread handler = new Thread(() -> serve(connection), "fake-clamd-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            if (hangingUp) {
                return;
            }
            DataInputStream in = new DataInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            int mode = in.read();
            char terminator = mode == 'z' ? '\0' : '\n';
            String command = readUntil(in, terminator);
            switch (command) {
                case "PING" -> reply(out, "PONG", terminator);
                case "INSTREAM" -> instream(in, out, terminator);
                default -> reply(out, "UNKNOWN COMMAND", terminator);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void instream(DataInputStream in, OutputStream out, char terminator) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        while (true) {
            long length = Integer.toUnsignedLong(in.readInt());
            if (length == 0) {
                break;
            }
            if (received.size() + length > streamMaxLength) {
                reply(out, "INSTREAM size limit exceeded. ERROR", terminator);
                // Read what the client still sends, so that closing does not reset the connection and lose the
                // reply on its way (clamd itself may reset: the client then reports the reset, still no verdict).
                in.transferTo(OutputStream.nullOutputStream());
                return;
            }
            received.write(in.readNBytes((int) length));
        }
        byte[] stream = received.toByteArray();
        streams.add(stream);
        boolean eicar = new String(stream, StandardCharsets.ISO_8859_1).contains(EICAR);
        reply(out, eicar ? "stream: Eicar-Test-Signature FOUND" : "stream: OK", terminator);
    }

    private static String readUntil(InputStream in, char terminator) throws IOException {
        StringBuilder command = new StringBuilder();
        for (int b; (b = in.read()) != terminator; ) {
            if (b == -1) {
                throw new EOFException();
            }
            command.append((char) b);
        }
        return command.toString();
    }

    private static void reply(OutputStream out, String line, char terminator) throws IOException {
        out.write((line + terminator).getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
