package io.mseg.console.externalnetwork.feed;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class FeedAddressGuardTests {

	private final FeedAddressGuard defaults = new FeedAddressGuard(List.of());

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
			"0.0.0.0", "::1", "::", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
			"64:ff9b::a00:1" })
	void anInternalAddressIsRefusedByDefault(String address) throws UnknownHostException {
		assertThatExceptionOfType(FeedException.class)
			.isThrownBy(() -> this.defaults.check("feeds.example.test", List.of(InetAddress.getByName(address))))
			.withMessageContaining("mseg.feeds.allowed-hosts");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "52.94.76.1", "104.16.0.1", "2600:9000::1", "::ffff:52.94.76.1" })
	void aPublicAddressIsFetched(String address) throws UnknownHostException {
		assertThatNoException()
			.isThrownBy(() -> this.defaults.check("feeds.example.test", List.of(InetAddress.getByName(address))));
	}

	@Test
	void oneInternalAddressAmongPublicOnesIsEnoughToRefuse() throws UnknownHostException {
		assertThatExceptionOfType(FeedException.class).isThrownBy(() -> this.defaults.check("feeds.example.test",
				List.of(InetAddress.getByName("52.94.76.1"), InetAddress.getByName("10.0.0.1"))));
	}

	@Test
	void allowedHostsNameHostsAddressesOrCidrs() throws UnknownHostException {
		FeedAddressGuard guard = new FeedAddressGuard(List.of("Feeds.Internal.test", "127.0.0.1", "10.20.0.0/16"));
		InetAddress loopback = InetAddress.getByName("127.0.0.1");
		assertThatNoException()
			.isThrownBy(() -> guard.check("feeds.internal.test", List.of(InetAddress.getByName("192.168.7.7"))));
		assertThatNoException().isThrownBy(() -> guard.check("localhost", List.of(loopback)));
		assertThatNoException()
			.isThrownBy(() -> guard.check("mirror.test", List.of(InetAddress.getByName("10.20.3.4"))));
		assertThatExceptionOfType(FeedException.class)
			.isThrownBy(() -> guard.check("mirror.test", List.of(InetAddress.getByName("10.21.3.4"))));
	}

	@Test
	void aBadAllowedHostIsAConfigurationError() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new FeedAddressGuard(List.of("10.0.0.1/8")))
			.withMessageContaining("mseg.feeds.allowed-hosts");
	}

}
