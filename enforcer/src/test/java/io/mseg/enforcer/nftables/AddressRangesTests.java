package io.mseg.enforcer.nftables;

import java.math.BigInteger;
import java.util.List;

import io.mseg.policy.network.IpPrefix;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AddressRangesTests {

	@Test
	void singleAddressesAndExactBlocksKeepTheirShortForm() {
		AddressRanges ranges = new AddressRanges(Family.V4);
		ranges.add(IpPrefix.parse("10.0.0.1/32"));
		ranges.add(IpPrefix.parse("10.1.0.0/16"));
		assertThat(ranges.elements()).containsExactly("10.0.0.1", "10.1.0.0/16");
	}

	@Test
	void overlappingBlocksAreMergedAndAdjacentOnesStayApart() {
		AddressRanges ranges = new AddressRanges(Family.V4);
		ranges.add(IpPrefix.parse("10.0.0.0/24"));
		ranges.add(IpPrefix.parse("10.0.0.128/25"));
		ranges.add(IpPrefix.parse("10.0.1.0/24"));
		assertThat(ranges.elements()).containsExactly("10.0.0.0/24", "10.0.1.0/24");
	}

	@Test
	void removingCutsHolesIntoRanges() {
		AddressRanges ranges = new AddressRanges(Family.V6);
		ranges.add(IpPrefix.parse("::/0"));
		ranges.remove(IpPrefix.parse("fd00::/8"));
		assertThat(ranges.elements()).containsExactly("::-fcff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe00::/7");
		ranges.remove(IpPrefix.parse("::/0"));
		assertThat(ranges.isEmpty()).isTrue();
	}

	@Test
	void otherFamiliesAreIgnored() {
		AddressRanges ranges = new AddressRanges(Family.V4);
		ranges.add(IpPrefix.parse("fd00::1/128"));
		ranges.remove(IpPrefix.parse("::/0"));
		assertThat(ranges.isEmpty()).isTrue();
	}

	@Test
	void ipv6BlocksOnEitherSideOfThe64BitBoundary() {
		AddressRanges ranges = new AddressRanges(Family.V6);
		ranges.add(IpPrefix.parse("2001:db8::/60"));
		ranges.add(IpPrefix.parse("2001:db8:1::/100"));
		ranges.add(IpPrefix.parse("2001:db8:2::/64"));
		ranges.remove(IpPrefix.parse("2001:db8:2::/65"));
		assertThat(ranges.elements()).containsExactly("2001:db8::/60", "2001:db8:1::/100", "2001:db8:2:0:8000::/65");
		ranges.remove(IpPrefix.parse("2001:db8:2:0:8000::/128"));
		assertThat(ranges.elements()).last().isEqualTo("2001:db8:2:0:8000::1-2001:db8:2:0:ffff:ffff:ffff:ffff");
	}

	@Test
	void splittingCutsRangesThatCrossABoundary() {
		AddressRanges ranges = new AddressRanges(Family.V4);
		ranges.add(IpPrefix.parse("10.0.0.0/24"));
		ranges.add(IpPrefix.parse("10.0.2.0/24"));
		ranges.add(IpPrefix.parse("10.0.3.7/32"));
		List<AddressRanges> shards = ranges
			.split(List.of(BigInteger.valueOf(0x0A000080L), BigInteger.valueOf(0x0A000300L)));
		assertThat(shards).extracting(AddressRanges::elements)
			.containsExactly(List.of("10.0.0.0/25"), List.of("10.0.0.128/25", "10.0.2.0/24"), List.of("10.0.3.7"));
		assertThat(ranges.starts()).containsExactly(BigInteger.valueOf(0x0A000000L), BigInteger.valueOf(0x0A000200L),
				BigInteger.valueOf(0x0A000307L));
	}

	@Test
	void theWholeSpaceIsOneBlock() {
		AddressRanges v4 = new AddressRanges(Family.V4);
		v4.add(IpPrefix.parse("0.0.0.0/0"));
		AddressRanges v6 = new AddressRanges(Family.V6);
		v6.add(IpPrefix.parse("::/0"));
		assertThat(v4.elements()).containsExactly("0.0.0.0/0");
		assertThat(v6.elements()).containsExactly("::/0");
	}

}
