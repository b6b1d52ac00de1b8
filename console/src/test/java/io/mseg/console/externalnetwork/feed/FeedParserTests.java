package io.mseg.console.externalnetwork.feed;

import io.mseg.policy.InvalidValueException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FeedParserTests {

	private static final String AWS = """
			{
			  "syncToken": "1700000000",
			  "createDate": "2026-12-05-12-00-00",
			  "prefixes": [
			    {"ip_prefix": "3.5.140.0/22", "region": "ap-northeast-2", "service": "AMAZON", "network_border_group": "ap-northeast-2"},
			    {"ip_prefix": "13.32.0.0/15", "region": "GLOBAL", "service": "CLOUDFRONT", "network_border_group": "GLOBAL"},
			    {"ip_prefix": "13.32.0.0/15", "region": "GLOBAL", "service": "AMAZON", "network_border_group": "GLOBAL"},
			    {"ip_prefix": "52.46.0.0/18", "region": "us-east-1", "service": "CLOUDFRONT", "network_border_group": "us-east-1"},
			    {"ip_prefix": "52.46.0.0/18", "region": "us-east-1", "service": "CLOUDFRONT", "network_border_group": "us-east-1-bos-1"}
			  ],
			  "ipv6_prefixes": [
			    {"ipv6_prefix": "2600:9000::/28", "region": "GLOBAL", "service": "CLOUDFRONT", "network_border_group": "GLOBAL"},
			    {"ipv6_prefix": "2600:1f00::/24", "region": "us-east-1", "service": "EC2", "network_border_group": "us-east-1"}
			  ]
			}
			""";

	// text

	@Test
	void textTakesOneEntryPerLineAndIgnoresBlankLinesAndComments() {
		String body = """
				; Spamhaus DROP List 2026/12/05 - (c) 2026 The Spamhaus Project
				; Last-Modified: Sat, 05 Dec 2026 12:00:00 GMT

				1.10.16.0/20 ; SBL256894
				  2.56.192.0/22;SBL459831
				# a Cloudflare list
				173.245.48.0/20
				2400:cb00::/32   # v6
				192.0.2.7
				""";
		assertThat(parser(FeedFormat.TEXT).parse(body).entries()).containsExactly("1.10.16.0/20", "2.56.192.0/22",
				"173.245.48.0/20", "2400:cb00::/32", "192.0.2.7/32");
	}

	@Test
	void textAcceptsWindowsLineEndsAndAByteOrderMark() {
		assertThat(parser(FeedFormat.TEXT).parse("\uFEFF10.0.0.0/8\r\n192.168.0.0/16\r\n").entries())
			.containsExactly("10.0.0.0/8", "192.168.0.0/16");
	}

	@Test
	void anInvalidTextLineIsNamedByItsLineNumber() {
		assertThatExceptionOfType(FeedException.class)
			.isThrownBy(() -> parser(FeedFormat.TEXT).parse("# header\n10.0.0.0/8\n10.0.0.1/8\n"))
			.withMessageStartingWith("line 3: ")
			.withMessageContaining("10.0.0.0/8");
		assertThatExceptionOfType(FeedException.class)
			.isThrownBy(() -> parser(FeedFormat.TEXT).parse("10.0.0.0/8\n1.2.3.4 extra\n"))
			.withMessageStartingWith("line 2: ");
	}

	@Test
	void domainNamesAndExclusionsAreNeverTakenFromAFeed() {
		assertThatExceptionOfType(FeedException.class)
			.isThrownBy(() -> parser(FeedFormat.TEXT).parse("10.0.0.0/8\napi.example.com\n"))
			.withMessageStartingWith("line 2: 'api.example.com' is not an address or CIDR");
		assertThatExceptionOfType(FeedException.class)
			.isThrownBy(() -> parser(FeedFormat.TEXT).parse("10.0.0.0/8\n*.example.com\n"))
			.withMessageStartingWith("line 2: ");
		assertThatExceptionOfType(FeedException.class)
			.isThrownBy(() -> parser(FeedFormat.TEXT).parse("10.0.0.0/8\n!10.1.0.0/16\n"))
			.withMessageStartingWith("line 2: '!10.1.0.0/16' is not an address or CIDR");
	}

	@Test
	void aDuplicateLineIsRefusedLikeAHandWrittenDuplicate() {
		assertThatExceptionOfType(FeedException.class)
			.isThrownBy(() -> parser(FeedFormat.TEXT).parse("10.0.0.0/8\n\n10.0.0.0/8\n"))
			.withMessageStartingWith("line 3: ")
			.withMessageContaining("duplicate");
	}

	@Test
	void aFeedWithoutEntriesIsRefusedNotAppliedAsEmpty() {
		assertThatExceptionOfType(FeedException.class)
			.isThrownBy(() -> parser(FeedFormat.TEXT).parse("; only comments\n\n"))
			.withMessage("the feed has no entries");
		assertThatExceptionOfType(FeedException.class).isThrownBy(() -> parser(FeedFormat.TEXT).parse(""));
	}

	@Test
	void aFeedOverTheEntryLimitIsRefused() {
		FeedParser parser = new FeedParser(FeedFormat.TEXT, null, null, null, 2);
		assertThatExceptionOfType(FeedException.class)
			.isThrownBy(() -> parser.parse("10.0.0.0/8\n172.16.0.0/12\n192.168.0.0/16\n"))
			.withMessageContaining("more than the limit of 2");
	}

	// aws-ip-ranges

	@Test
	void awsTakesTheV4AndV6PrefixesOfTheServiceInEveryRegion() {
		FeedParser parser = new FeedParser(FeedFormat.AWS_IP_RANGES, "CLOUDFRONT", null, null, 1000);
		assertThat(parser.parse(AWS).entries()).containsExactly("13.32.0.0/15", "52.46.0.0/18", "2600:9000::/28");
	}

	@Test
	void awsFiltersOnTheRegionWhenGiven() {
		FeedParser parser = new FeedParser(FeedFormat.AWS_IP_RANGES, "CLOUDFRONT", "GLOBAL", null, 1000);
		assertThat(parser.parse(AWS).entries()).containsExactly("13.32.0.0/15", "2600:9000::/28");
	}

	@Test
	void awsWithoutAMatchingPrefixIsRefused() {
		FeedParser parser = new FeedParser(FeedFormat.AWS_IP_RANGES, "CLOUDFRONT", "eu-west-3", null, 1000);
		assertThatExceptionOfType(FeedException.class).isThrownBy(() -> parser.parse(AWS))
			.withMessageContaining("CLOUDFRONT")
			.withMessageContaining("eu-west-3");
	}

	@Test
	void anInvalidAwsPrefixIsNamedByItsIndex() {
		String body = """
				{"prefixes": [
				  {"ip_prefix": "13.32.0.0/15", "region": "GLOBAL", "service": "CLOUDFRONT"},
				  {"ip_prefix": "13.33.0.1/16", "region": "GLOBAL", "service": "CLOUDFRONT"}
				]}""";
		FeedParser parser = new FeedParser(FeedFormat.AWS_IP_RANGES, "CLOUDFRONT", null, null, 1000);
		assertThatExceptionOfType(FeedException.class).isThrownBy(() -> parser.parse(body))
			.withMessageStartingWith("prefixes[1].ip_prefix: ");
	}

	@Test
	void awsOfAnotherShapeIsRefused() {
		FeedParser parser = new FeedParser(FeedFormat.AWS_IP_RANGES, "CLOUDFRONT", null, null, 1000);
		assertThatExceptionOfType(FeedException.class).isThrownBy(() -> parser.parse("{\"ranges\": []}"))
			.withMessageContaining("no prefixes");
		assertThatExceptionOfType(FeedException.class)
			.isThrownBy(() -> parser.parse("{\"prefixes\": [{\"ip_prefix\": \"13.32.0.0/15\"}]}"))
			.withMessageContaining("prefixes[0].service");
		assertThatExceptionOfType(FeedException.class).isThrownBy(() -> parser.parse("{\"prefixes\": ["))
			.withMessageStartingWith("not a JSON document");
	}

	// json

	@Test
	void jsonTakesTheStringsThePathReaches() {
		FeedParser parser = new FeedParser(FeedFormat.JSON, null, null, JsonPath.parse("ipv6_prefixes[].ipv6_prefix"),
				1000);
		assertThat(parser.parse(AWS).entries()).containsExactly("2600:9000::/28", "2600:1f00::/24");
	}

	@Test
	void jsonRefusesDuplicatesLikeHandWrittenEntries() {
		FeedParser parser = new FeedParser(FeedFormat.JSON, null, null, JsonPath.parse("prefixes[].ip_prefix"), 1000);
		assertThatExceptionOfType(FeedException.class).isThrownBy(() -> parser.parse(AWS))
			.withMessageStartingWith("prefixes[2].ip_prefix: ")
			.withMessageContaining("duplicate");
	}

	@Test
	void jsonReadsNestedArraysAndTopLevelArrays() {
		FeedParser nested = new FeedParser(FeedFormat.JSON, null, null, JsonPath.parse("result.ipv4_cidrs[]"), 1000);
		assertThat(nested.parse("{\"result\": {\"ipv4_cidrs\": [\"173.245.48.0/20\", \"103.21.244.0/22\"]}}").entries())
			.containsExactly("173.245.48.0/20", "103.21.244.0/22");
		FeedParser top = new FeedParser(FeedFormat.JSON, null, null, JsonPath.parse("[]"), 1000);
		assertThat(top.parse("[\"10.0.0.0/8\", \"fd00::/8\"]").entries()).containsExactly("10.0.0.0/8", "fd00::/8");
		FeedParser objects = new FeedParser(FeedFormat.JSON, null, null, JsonPath.parse("[].cidr"), 1000);
		assertThat(objects.parse("[{\"cidr\": \"10.0.0.0/8\"}]").entries()).containsExactly("10.0.0.0/8");
	}

	@Test
	void aJsonDocumentThatLacksThePathOnTheWayIsRefusedNamingWhere() {
		FeedParser parser = new FeedParser(FeedFormat.JSON, null, null, JsonPath.parse("prefixes[].ip_prefix"), 1000);
		assertThatExceptionOfType(FeedException.class)
			.isThrownBy(() -> parser.parse("{\"prefixes\": [{\"ip_prefix\": \"10.0.0.0/8\"}, {\"cidr\": \"x\"}]}"))
			.withMessageStartingWith("prefixes[1].ip_prefix is missing");
		assertThatExceptionOfType(FeedException.class)
			.isThrownBy(() -> parser.parse("{\"prefixes\": {\"ip_prefix\": \"10.0.0.0/8\"}}"))
			.withMessageStartingWith("prefixes is not an array");
		assertThatExceptionOfType(FeedException.class)
			.isThrownBy(() -> parser.parse("{\"prefixes\": [{\"ip_prefix\": 10}]}"))
			.withMessageStartingWith("prefixes[0].ip_prefix is not a string");
	}

	@Test
	void anInvalidJsonEntryIsNamedByItsPathAndIndex() {
		FeedParser parser = new FeedParser(FeedFormat.JSON, null, null, JsonPath.parse("cidrs[]"), 1000);
		assertThatExceptionOfType(FeedException.class)
			.isThrownBy(() -> parser.parse("{\"cidrs\": [\"10.0.0.0/8\", \"300.0.0.0/8\"]}"))
			.withMessageStartingWith("cidrs[1]: ");
	}

	@Test
	void aPathIsNamesSeparatedByDotsEachWithOptionalBrackets() {
		assertThat(JsonPath.parse("prefixes[].ip_prefix")).hasToString("prefixes[].ip_prefix");
		assertThat(JsonPath.parse("a.b[][].c").steps()).hasSize(3);
		for (String bad : new String[] { "", ".a", "a.", "a..b", "a[x]", "a[", "a]b", "[]x" }) {
			assertThatExceptionOfType(InvalidValueException.class).as(bad).isThrownBy(() -> JsonPath.parse(bad));
		}
	}

	private static FeedParser parser(FeedFormat format) {
		return new FeedParser(format, null, null, null, 1000);
	}

}
