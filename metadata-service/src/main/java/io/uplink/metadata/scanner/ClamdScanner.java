package io.uplink.metadata.scanner;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A ClamAV {@code clamd} client over TCP, speaking its INSTREAM command: {@code zINSTREAM\0}, then the bytes in
 * chunks, each preceded by its length as a 4-byte big-endian unsigned integer, then a zero-length chunk; clamd
 * answers one NUL-terminated line: {@code stream: OK}, {@code stream: <signature> FOUND}, or {@code … ERROR} (e.g.
 * {@code INSTREAM size limit exceeded. ERROR} past its {@code StreamMaxLength}). One connection per scan.
 */
public final class ClamdScanner implements FileScanner {

    private static final byte[] INSTREAM = "zINSTREAM\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PING = "zPING\0".getBytes(StandardCharsets.US_ASCII);
    private static final String FOUND = " FOUND";
    /** clamd's answer past its {@code StreamMaxLength}. */
    private static final String SIZE_LIMIT = "size limit exceeded";
    private static final int MAX_REPLY = 8 * 1024;

    private final ClamdProperties properties;

    public ClamdScanner(ClamdProperties properties) {
        if (!properties.configured()) {
            throw new IllegalArgumentException("uplink.metadata.scanner.clamd.host is required");
        }
        this.properties = properties;
    }

    @Override
    public ScanVerdict scan(InputStream content) throws ScannerUnavailableException {
        try (Socket socket = connect()) {
            try {
                stream(content, new DataOutputStream(socket.getOutputStream()));
            } catch (IOException writeFailed) {
                // clamd answers a refusal (its StreamMaxLength) and hangs up while the bytes still flow: its reply,
                // if it arrived before the hang-up, says why
                String reply = replyAfter(socket, writeFailed);
                if (reply.contains(SIZE_LIMIT)) {
                    return new ScanVerdict.TooLarge();
                }
                throw new ScannerUnavailableException(name() + ": " + reply, writeFailed);
            }
            return verdict(reply(socket.getInputStream()));
        } catch (IOException e) {
            throw new ScannerUnavailableException(name() + ": " + e, e);
        }
    }

    private void stream(InputStream content, DataOutputStream out) throws IOException {
        out.write(INSTREAM);
        byte[] chunk = new byte[(int) properties.chunkSize().toBytes()];
        for (int read; (read = content.readNBytes(chunk, 0, chunk.length)) > 0; ) {
            out.writeInt(read);
            out.write(chunk, 0, read);
        }
        out.writeInt(0);
        out.flush();
    }

    private static String replyAfter(Socket socket, IOException writeFailed) {
        try {
            String reply = reply(socket.getInputStream());
            return reply.isEmpty() ? writeFailed.toString() : reply;
        } catch (IOException e) {
            return writeFailed.toString();
        }
    }

    /** Whether clamd answers {@code PING} with {@code PONG}. */
    @Override
    public boolean answers() {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(PING);
            socket.getOutputStream().flush();
            return "PONG".equals(reply(socket.getInputStream()));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public long maxBytes() {
        return properties.maxSize().toBytes();
    }

    @Override
    public String name() {
        return "clamd " + properties.host() + ":" + properties.port();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        int timeout = (int) properties.timeout().toMillis();
        socket.connect(new InetSocketAddress(properties.host(), properties.port()), timeout);
        socket.setSoTimeout(timeout);
        return socket;
    }

    /** One reply line, up to its NUL (or newline, or the end of the stream). */
    private static String reply(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1 && b != 0 && b != '\n'; ) {
            if (line.size() == MAX_REPLY) {
                throw new IOException("clamd reply longer than " + MAX_REPLY + " bytes");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8).trim();
    }

    private ScanVerdict verdict(String reply) throws ScannerUnavailableException {
        String result = reply.startsWith("stream:") ? reply.substring("stream:".length()).trim() : reply;
        if (result.equals("OK")) {
            return new ScanVerdict.Clean();
        }
        if (result.contains(SIZE_LIMIT)) {
            return new ScanVerdict.TooLarge();
        }
        if (result.endsWith(FOUND) && result.length() > FOUND.length()) {
            return new ScanVerdict.Infected(result.substring(0, result.length() - FOUND.length()).trim());
        }
        throw new ScannerUnavailableException(name() + " gave no verdict: " + (reply.isEmpty() ? "(nothing)" : reply));
    }
}
