package io.mseg.enforcer.dns;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.mseg.enforcer.netlink.Netlink;

/**
 * Adds elements with a timeout to a set of the enforcer's table over netlink, in one
 * nf_tables transaction ({@code NFT_MSG_NEWSETELEM} in a batch), without the {@code nft}
 * command's cache: before it adds an element, {@code nft} (and libnftables) reads every
 * element of every set in the kernel, 1 to 1.5 s when the policy has an interval set of
 * 100,000 ranges, and a DNS answer must not wait for that. The message layout is the
 * kernel's ({@code linux/netfilter/nf_tables.h}, {@code nfnetlink.h}). An element already
 * in the set gets the new timeout and expiry.
 */
final class SetElements {

	private static final int NFNL_SUBSYS_NFTABLES = 10;

	private static final int NFT_MSG_NEWSETELEM = 12;

	private static final int NFT_MSG_DELSETELEM = 14;

	private static final int NFNL_MSG_BATCH_BEGIN = 0x10;

	private static final int NFNL_MSG_BATCH_END = 0x11;

	private static final int NFPROTO_INET = 1;

	private static final int NLM_F_ACK = 0x4;

	private static final int NLM_F_CREATE = 0x400;

	private static final int NFTA_SET_ELEM_LIST_TABLE = 1;

	private static final int NFTA_SET_ELEM_LIST_SET = 2;

	private static final int NFTA_SET_ELEM_LIST_ELEMENTS = 3;

	private static final int NFTA_LIST_ELEM = 1;

	private static final int NFTA_SET_ELEM_KEY = 1;

	private static final int NFTA_SET_ELEM_TIMEOUT = 4;

	private static final int NFTA_SET_ELEM_EXPIRATION = 5;

	private static final int NFTA_DATA_VALUE = 1;

	private final String table;

	private int sequence;

	/**
	 * @param table the enforcer's table (family {@code inet})
	 */
	SetElements(String table) {
		this.table = table;
	}

	/**
	 * An element: its key in network byte order, and how long it lives.
	 *
	 * @param key 4 bytes (IPv4), 16 (IPv6) or 2 (a port)
	 * @param lifetimeMillis its timeout and its expiry from now, in milliseconds
	 */
	record Element(byte[] key, long lifetimeMillis) {

	}

	/**
	 * Adds (or renews) elements of one set in one transaction.
	 * @param set the set's name
	 * @param elements the elements
	 * @throws IOException when the kernel refuses (the set does not exist, ...)
	 */
	void add(String set, List<Element> elements) throws IOException {
		send(NFT_MSG_NEWSETELEM, NLM_F_CREATE, set, elements);
	}

	/**
	 * Deletes elements of one set in one transaction.
	 * @param set the set's name
	 * @param keys the elements' keys
	 * @throws IOException when the kernel refuses (an element is not there, ...)
	 */
	void delete(String set, List<byte[]> keys) throws IOException {
		send(NFT_MSG_DELSETELEM, 0, set, keys.stream().map((key) -> new Element(key, -1)).toList());
	}

	private synchronized void send(int type, int flags, String set, List<Element> elements) throws IOException {
		int seq = ++this.sequence;
		ByteBuffer out = Netlink.buffer(256 + elements.size() * 64);
		Netlink.endMessage(out,
				Netlink.beginMessage(out, NFNL_MSG_BATCH_BEGIN, Netlink.NLM_F_REQUEST, seq, 0, NFNL_SUBSYS_NFTABLES));
		int message = Netlink.beginMessage(out, (NFNL_SUBSYS_NFTABLES << 8) | type,
				Netlink.NLM_F_REQUEST | NLM_F_ACK | flags, seq, NFPROTO_INET, 0);
		Netlink.attribute(out, NFTA_SET_ELEM_LIST_TABLE, cString(this.table));
		Netlink.attribute(out, NFTA_SET_ELEM_LIST_SET, cString(set));
		int list = Netlink.begin(out, NFTA_SET_ELEM_LIST_ELEMENTS);
		for (Element element : elements) {
			int item = Netlink.begin(out, NFTA_LIST_ELEM);
			int key = Netlink.begin(out, NFTA_SET_ELEM_KEY);
			Netlink.attribute(out, NFTA_DATA_VALUE, element.key());
			Netlink.end(out, key);
			if (element.lifetimeMillis() >= 0) {
				Netlink.attribute(out, NFTA_SET_ELEM_TIMEOUT, bigEndian(element.lifetimeMillis()));
				Netlink.attribute(out, NFTA_SET_ELEM_EXPIRATION, bigEndian(element.lifetimeMillis()));
			}
			Netlink.end(out, item);
		}
		Netlink.end(out, list);
		Netlink.endMessage(out, message);
		Netlink.endMessage(out,
				Netlink.beginMessage(out, NFNL_MSG_BATCH_END, Netlink.NLM_F_REQUEST, seq, 0, NFNL_SUBSYS_NFTABLES));
		int errno = Netlink.errno(Netlink.exchange(Arrays.copyOf(out.array(), out.position()), seq));
		if (errno != 0) {
			throw new IOException("nf_tables refused the elements of set " + set + ": errno " + errno);
		}
	}

	private static byte[] cString(String text) {
		return Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), text.length() + 1);
	}

	private static byte[] bigEndian(long value) {
		return ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putLong(value).array();
	}

}
