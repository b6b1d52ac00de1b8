package io.mseg.enforcer.dns;

import java.net.InetAddress;
import java.util.Map;

import io.mseg.policy.network.IpAddress;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import static org.assertj.core.api.Assertions.assertThat;

class DnsAnswerTests {

	@Test
	void theAddressesAtTheEndOfTheChainCountWithTheShortestTtlAlongIt() throws Exception {
		Message answer = answer("www.Example.com.");
		answer.addRecord(new CNAMERecord(name("www.example.com."), DClass.IN, 300, name("edge.cdn.net.")),
				Section.ANSWER);
		answer.addRecord(new CNAMERecord(name("edge.cdn.net."), DClass.IN, 30, name("e1.cdn.net.")), Section.ANSWER);
		answer.addRecord(new ARecord(name("e1.cdn.net."), DClass.IN, 600, InetAddress.getByName("192.0.2.1")),
				Section.ANSWER);
		answer.addRecord(new AAAARecord(name("e1.cdn.net."), DClass.IN, 10, InetAddress.getByName("2001:db8::1")),
				Section.ANSWER);
		// not on the chain: a resolver cannot widen a policy with it
		answer.addRecord(new ARecord(name("evil.example.org."), DClass.IN, 600, InetAddress.getByName("198.51.100.9")),
				Section.ANSWER);
		answer.addRecord(new ARecord(name("e1.cdn.net."), DClass.IN, 600, InetAddress.getByName("198.51.100.10")),
				Section.ADDITIONAL);
		DnsAnswer parsed = DnsAnswer.parse(answer.toWire()).orElseThrow();
		assertThat(parsed.name()).isEqualTo("www.example.com");
		assertThat(parsed.addresses())
			.isEqualTo(Map.of(IpAddress.parse("192.0.2.1"), 30L, IpAddress.parse("2001:db8::1"), 10L));
	}

	@Test
	void queriesFailuresAndUnreadableMessagesGiveNothing() throws Exception {
		Message query = Message.newQuery(Record.newRecord(name("a.example.com."), Type.A, DClass.IN));
		assertThat(DnsAnswer.parse(query.toWire())).isEmpty();
		Message failed = answer("a.example.com.");
		failed.getHeader().setRcode(Rcode.NXDOMAIN);
		assertThat(DnsAnswer.parse(failed.toWire())).isEmpty();
		assertThat(DnsAnswer.parse(new byte[] { 1, 2, 3 })).isEmpty();
	}

	@Test
	void anAnswerWithoutAddressesNamesItsQuestion() throws Exception {
		DnsAnswer parsed = DnsAnswer.parse(answer("a.example.com.").toWire()).orElseThrow();
		assertThat(parsed.name()).isEqualTo("a.example.com");
		assertThat(parsed.addresses()).isEmpty();
	}

	private static Message answer(String question) throws Exception {
		Message message = Message.newQuery(Record.newRecord(name(question), Type.A, DClass.IN));
		message.getHeader().setFlag(Flags.QR);
		return message;
	}

	private static Name name(String text) throws Exception {
		return Name.fromString(text);
	}

}
