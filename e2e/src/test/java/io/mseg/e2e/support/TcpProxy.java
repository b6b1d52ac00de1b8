package io.mseg.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 between the enforcers and the console, which the tests can cut
 * to make the console unreachable for the enforcers while it keeps serving the API.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int target;

	private final List<Socket> open = new CopyOnWriteArrayList<>();

	private volatile boolean cut;

	private final Thread acceptor;

	public TcpProxy(int target) {
		this.target = target;
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.acceptor = new Thread(this::accept, "proxy-accept");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** Closes every relayed connection and refuses new ones (they are closed at once). */
	public void cut() {
		this.cut = true;
		this.open.forEach(TcpProxy::closeQuietly);
		this.open.clear();
	}

	public void restore() {
		this.cut = false;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			Socket client;
			try {
				client = this.server.accept();
			}
			catch (IOException ex) {
				return;
			}
			if (this.cut) {
				closeQuietly(client);
				continue;
			}
			Socket upstream = new Socket();
			try {
				upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.target), 2000);
			}
			catch (IOException ex) {
				closeQuietly(client);
				closeQuietly(upstream);
				continue;
			}
			this.open.add(client);
			this.open.add(upstream);
			pump(client, upstream);
			pump(upstream, client);
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					out.write(buffer, 0, n);
					out.flush();
				}
			}
			catch (IOException ex) {
				// either side closed
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				this.open.remove(from);
				this.open.remove(to);
			}
		}, "proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() {
		cut();
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
