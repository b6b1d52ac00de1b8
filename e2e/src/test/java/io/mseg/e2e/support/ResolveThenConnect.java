package io.mseg.e2e.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A client that does what applications do: looks a name up through the system resolver
 * ({@code getaddrinfo}, reading {@code /etc/resolv.conf}) and connects at once. Run
 * inside a host's namespace by {@link ResolvingClient}, in a JVM of its own, with only
 * the JDK on its class path. The JVM's DNS cache is off, so every attempt is a real
 * lookup.
 * <p>
 * Arguments: {@code [--port N] [--family any|v4|v6] [--all] [--timeout-ms N]
 * [--count N] [--hold-ms N --every-ms N] name...}. With {@code --count N} each name is a
 * pattern with {@code %d}, attempted for 1..N. {@code --all} connects to every address of
 * the family, otherwise to the first. {@code --hold-ms} keeps each connection to an echo
 * listener open that long, sending a line every {@code --every-ms} and reading it back. A
 * name written {@code <tcp|udp>/<port>/<v4|v6>/<name>} is one flow of its own: its
 * protocol, port and family instead of the options' (UDP sends {@code ping} and waits for
 * the answer), and its attempt line names it so.
 * <p>
 * Prints one line per attempt, exchange and at the end: <pre>
 * attempt &lt;name&gt; &lt;address|-&gt; ok &lt;millis&gt;
 * attempt &lt;name&gt; &lt;address|-&gt; failed &lt;reason&gt;
 * exchange &lt;address&gt; &lt;epoch-millis&gt; ok|failed [reason]
 * summary attempts=&lt;n&gt; failures=&lt;n&gt;
 * </pre>
 */
public final class ResolveThenConnect {

	private int port = 443;

	private String family = "any";

	private boolean all;

	private int timeoutMillis = 1500;

	private int count;

	private long holdMillis;

	private long everyMillis = 500;

	private final List<String> names = new ArrayList<>();

	private int attempts;

	private int failures;

	private ResolveThenConnect() {
	}

	public static void main(String[] args) throws Exception {
		// Before the first lookup: the cache policy is read once.
		Security.setProperty("networkaddress.cache.ttl", "0");
		Security.setProperty("networkaddress.cache.negative.ttl", "0");
		ResolveThenConnect client = new ResolveThenConnect();
		client.parse(args);
		client.run();
	}

	private void parse(String[] args) {
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--port" -> this.port = Integer.parseInt(args[++i]);
				case "--family" -> this.family = args[++i];
				case "--all" -> this.all = true;
				case "--timeout-ms" -> this.timeoutMillis = Integer.parseInt(args[++i]);
				case "--count" -> this.count = Integer.parseInt(args[++i]);
				case "--hold-ms" -> this.holdMillis = Long.parseLong(args[++i]);
				case "--every-ms" -> this.everyMillis = Long.parseLong(args[++i]);
				default -> this.names.add(args[i]);
			}
		}
	}

	private void run() {
		for (String name : this.names) {
			if (this.count > 0) {
				for (int n = 1; n <= this.count; n++) {
					attempt(String.format(name, n));
				}
			}
			else {
				attempt(name);
			}
		}
		System.out.println("summary attempts=" + this.attempts + " failures=" + this.failures);
		System.out.flush();
	}

	private void attempt(String argument) {
		String[] flow = argument.split("/", 4);
		if (flow.length == 4) {
			attempt(argument, flow[3], flow[0], Integer.parseInt(flow[1]), flow[2]);
		}
		else {
			attempt(argument, argument, "tcp", this.port, this.family);
		}
	}

	private void attempt(String label, String name, String protocol, int port, String family) {
		List<InetAddress> addresses;
		try {
			// Distinct: one connection per address, however many entries the resolver
			// gives.
			addresses = new ArrayList<>(new LinkedHashSet<>(List.of(InetAddress.getAllByName(name))));
		}
		catch (IOException ex) {
			report(label, "-", false, "unresolved " + ex);
			return;
		}
		addresses.removeIf((address) -> !wanted(address, family));
		if (addresses.isEmpty()) {
			report(label, "-", false, "no " + family + " address");
			return;
		}
		for (InetAddress address : this.all ? addresses : addresses.subList(0, 1)) {
			if ("udp".equals(protocol)) {
				exchange(label, address, port);
			}
			else {
				connect(label, address, port);
			}
		}
	}

	private static boolean wanted(InetAddress address, String family) {
		return switch (family) {
			case "v4" -> address instanceof Inet4Address;
			case "v6" -> address instanceof Inet6Address;
			default -> true;
		};
	}

	private void connect(String name, InetAddress address, int port) {
		long start = System.nanoTime();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address, port), this.timeoutMillis);
			socket.setSoTimeout(this.timeoutMillis);
			socket.setTcpNoDelay(true);
			OutputStream out = socket.getOutputStream();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			if (this.holdMillis > 0) {
				report(name, text(address), true, (System.nanoTime() - start) / 1_000_000 + "");
				hold(address, out, in);
				return;
			}
			out.write("ping\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
			String line = in.readLine();
			boolean answered = Host.ANSWER.equals(line);
			report(name, text(address), answered,
					answered ? (System.nanoTime() - start) / 1_000_000 + "" : "answered " + line);
		}
		catch (IOException ex) {
			report(name, text(address), false, ex.toString());
		}
	}

	/** Sends {@code ping} in a datagram and waits for the listener's answer. */
	private void exchange(String name, InetAddress address, int port) {
		long start = System.nanoTime();
		try (DatagramSocket socket = new DatagramSocket()) {
			// Connected: an ICMP refusal fails the receive at once instead of timing out.
			socket.connect(new InetSocketAddress(address, port));
			socket.setSoTimeout(this.timeoutMillis);
			byte[] ping = "ping\n".getBytes(StandardCharsets.UTF_8);
			socket.send(new DatagramPacket(ping, ping.length));
			byte[] buffer = new byte[256];
			DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
			socket.receive(answer);
			String line = new String(buffer, 0, answer.getLength(), StandardCharsets.UTF_8).trim();
			boolean answered = Host.ANSWER.equals(line);
			report(name, text(address), answered,
					answered ? (System.nanoTime() - start) / 1_000_000 + "" : "answered " + line);
		}
		catch (IOException ex) {
			report(name, text(address), false, ex.toString());
		}
	}

	/**
	 * Exchanges a line with an echo listener every interval until the hold time is over.
	 */
	private void hold(InetAddress address, OutputStream out, BufferedReader in) {
		long end = System.nanoTime() + this.holdMillis * 1_000_000;
		int sequence = 0;
		while (System.nanoTime() < end) {
			String line = "line " + (++sequence);
			String result;
			try {
				out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
				out.flush();
				String echoed = in.readLine();
				result = line.equals(echoed) ? "ok" : "failed echoed " + echoed;
			}
			catch (IOException ex) {
				result = "failed " + ex;
			}
			System.out.println("exchange " + text(address) + " " + System.currentTimeMillis() + " " + result);
			System.out.flush();
			if (!result.equals("ok")) {
				this.failures++;
				return;
			}
			try {
				Thread.sleep(this.everyMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * An address as the tests write it: IPv6 in its RFC 5952 form ({@code fd00:233::68}).
	 */
	static String text(InetAddress address) {
		if (!(address instanceof Inet6Address)) {
			return address.getHostAddress();
		}
		byte[] bytes = address.getAddress();
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8;) {
			int j = i;
			while (j < 8 && groups[j] == 0) {
				j++;
			}
			if (j - i > bestLength) {
				bestStart = i;
				bestLength = j - i;
			}
			i = (j > i) ? j : i + 1;
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(groups[i]));
		}
		return text.toString();
	}

	private void report(String name, String address, boolean ok, String detail) {
		this.attempts++;
		if (!ok) {
			this.failures++;
		}
		System.out.println("attempt " + name + " " + address + " " + (ok ? "ok " : "failed ") + detail);
		System.out.flush();
	}

}
