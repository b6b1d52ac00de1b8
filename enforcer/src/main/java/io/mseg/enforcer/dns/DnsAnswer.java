package io.mseg.enforcer.dns;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.mseg.policy.network.IpAddress;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * What a DNS answer says about the name that was asked: the addresses at the end of its
 * CNAME chain, each with the shortest TTL along the way to it. Only records of the chain
 * that starts at the question's name count: other names in the answer (or in the
 * additional section) are not what the process asked for, so a resolver cannot widen a
 * policy by adding them.
 *
 * @param name the question's name, lowercase, without the trailing dot
 * @param addresses the addresses, each with its TTL in seconds
 */
public record DnsAnswer(String name, Map<IpAddress, Long> addresses) {

	/** A chain longer than this is a loop or an attack, not a CDN. */
	private static final int MAX_CHAIN = 16;

	public DnsAnswer {
		addresses = Map.copyOf(addresses);
	}

	/**
	 * Reads an answer.
	 * @param wire the DNS message as received (without TCP's length prefix)
	 * @return the question's addresses; empty when the message is not a successful answer
	 * to one question of class IN, or cannot be read
	 */
	public static Optional<DnsAnswer> parse(byte[] wire) {
		Message message;
		try {
			message = new Message(wire);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		Record question = message.getQuestion();
		if (!message.getHeader().getFlag(org.xbill.DNS.Flags.QR) || message.getRcode() != Rcode.NOERROR
				|| question == null || question.getDClass() != DClass.IN) {
			return Optional.empty();
		}
		List<Record> answers = message.getSection(Section.ANSWER);
		Name current = question.getName();
		long ttl = Long.MAX_VALUE;
		for (int step = 0; step < MAX_CHAIN; step++) {
			CNAMERecord alias = cname(answers, current);
			if (alias == null) {
				break;
			}
			ttl = Math.min(ttl, alias.getTTL());
			current = alias.getTarget();
		}
		Map<IpAddress, Long> addresses = new LinkedHashMap<>();
		for (Record record : answers) {
			if (!record.getName().equals(current) || record.getDClass() != DClass.IN) {
				continue;
			}
			byte[] bytes = (record instanceof ARecord a) ? a.getAddress().getAddress()
					: (record instanceof AAAARecord aaaa) ? aaaa.getAddress().getAddress() : null;
			if (bytes != null) {
				addresses.merge(address(bytes), Math.min(ttl, record.getTTL()), Math::max);
			}
		}
		return Optional.of(new DnsAnswer(name(question.getName()), addresses));
	}

	private static CNAMERecord cname(List<Record> answers, Name name) {
		for (Record record : answers) {
			if (record instanceof CNAMERecord alias && alias.getName().equals(name)) {
				return alias;
			}
		}
		return null;
	}

	private static String name(Name name) {
		return name.toString(true).toLowerCase(Locale.ROOT);
	}

	private static IpAddress address(byte[] bytes) {
		if (bytes.length == 4) {
			long bits = 0;
			for (byte b : bytes) {
				bits = (bits << 8) | (b & 0xff);
			}
			return IpAddress.ofIpv4(bits);
		}
		long high = 0;
		long low = 0;
		for (int i = 0; i < 8; i++) {
			high = (high << 8) | (bytes[i] & 0xff);
			low = (low << 8) | (bytes[i + 8] & 0xff);
		}
		return IpAddress.ofIpv6(high, low);
	}

	/**
	 * The addresses as a list, for logs and tests.
	 * @return the addresses
	 */
	public List<IpAddress> addressList() {
		return new ArrayList<>(this.addresses.keySet());
	}

}
