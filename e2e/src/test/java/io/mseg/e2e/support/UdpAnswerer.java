package io.mseg.e2e.support;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;

/**
 * The hosts' UDP listeners: a process started inside a host's namespace that answers
 * {@value Host#ANSWER} to every datagram, from the socket it came to. One thread, one
 * selector, no child per datagram: {@code socat UDP-RECVFROM,fork} lost a datagram now
 * and then, and once left a port unanswered for the rest of a run while the kernel
 * allowed its traffic (the differential test's udp/6379 over IPv6, twice in CI).
 * <p>
 * Arguments: {@code :port} (every address, IPv4 and IPv6) or {@code address:port} (IPv6
 * addresses in brackets), as many as wanted. Sockets take {@code SO_REUSEADDR}, so an
 * address's socket shares the port with the every-address one and the kernel gives each
 * datagram to the most specific.
 */
public final class UdpAnswerer {

	private UdpAnswerer() {
	}

	public static void main(String[] args) throws IOException {
		Selector selector = Selector.open();
		for (String listen : args) {
			int colon = listen.lastIndexOf(':');
			String host = listen.substring(0, colon).replace("[", "").replace("]", "");
			int port = Integer.parseInt(listen.substring(colon + 1));
			InetAddress address = host.isEmpty() ? null : InetAddress.getByName(host);
			DatagramChannel channel = (address instanceof Inet4Address)
					? DatagramChannel.open(StandardProtocolFamily.INET) : DatagramChannel.open();
			channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			channel.bind((address != null) ? new InetSocketAddress(address, port) : new InetSocketAddress(port));
			channel.configureBlocking(false);
			channel.register(selector, SelectionKey.OP_READ);
		}
		ByteBuffer answer = ByteBuffer.wrap((Host.ANSWER + "\n").getBytes(StandardCharsets.US_ASCII));
		ByteBuffer datagram = ByteBuffer.allocate(65536);
		while (true) {
			selector.select();
			for (SelectionKey key : selector.selectedKeys()) {
				DatagramChannel channel = (DatagramChannel) key.channel();
				SocketAddress from;
				while ((from = channel.receive(datagram.clear())) != null) {
					try {
						channel.send(answer.duplicate(), from);
					}
					catch (IOException ex) {
						// The answer was refused on the way out (a reject rule): the
						// asker sees no answer, as it should.
					}
				}
			}
			selector.selectedKeys().clear();
		}
	}

}
