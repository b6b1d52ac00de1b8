package io.mseg.console.web;

import java.io.CharArrayReader;
import java.io.InputStream;
import java.io.Reader;

import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.io.IOContext;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * YAML without explicit tags. A tag changes what a value is ({@code !!binary} turns text
 * into bytes, {@code !!str 5} a number into text) or means nothing to the API
 * ({@code !custom}); the parser would follow the first kind and drop the second, so both
 * are refused, where they are written.
 */
final class UntaggedYamlFactory extends YAMLFactory {

	private static final long serialVersionUID = 1L;

	// The body size limits (mseg.max-body-size, mseg.max-import-size) bound a document;
	// the parser's own 3 MB limit would refuse a valid import below them, mid-body.
	UntaggedYamlFactory() {
		super(YAMLFactory.builder().loadSettings(LoadSettings.builder().setCodePointLimit(Integer.MAX_VALUE).build()));
	}

	private UntaggedYamlFactory(UntaggedYamlFactory base) {
		super(base);
	}

	@Override
	public YAMLFactory copy() {
		return new UntaggedYamlFactory(this);
	}

	@Override
	protected YAMLParser _createParser(ObjectReadContext context, IOContext io, InputStream in) {
		return parser(context, io, _createReader(in, null, io));
	}

	@Override
	protected YAMLParser _createParser(ObjectReadContext context, IOContext io, Reader reader) {
		return parser(context, io, reader);
	}

	@Override
	protected YAMLParser _createParser(ObjectReadContext context, IOContext io, char[] data, int offset, int length,
			boolean recyclable) {
		return parser(context, io, new CharArrayReader(data, offset, length));
	}

	@Override
	protected YAMLParser _createParser(ObjectReadContext context, IOContext io, byte[] data, int offset, int length) {
		return parser(context, io, _createReader(data, offset, length, null, io));
	}

	private YAMLParser parser(ObjectReadContext context, IOContext io, Reader reader) {
		return new UntaggedParser(context, io, _getBufferRecycler(), context.getStreamReadFeatures(_streamReadFeatures),
				context.getFormatReadFeatures(_formatReadFeatures), _loadSettings, reader);
	}

	private static final class UntaggedParser extends YAMLParser {

		UntaggedParser(ObjectReadContext context, IOContext io, BufferRecycler buffers, int streamReadFeatures,
				int formatReadFeatures, LoadSettings settings, Reader reader) {
			super(context, io, buffers, streamReadFeatures, formatReadFeatures, settings, reader);
		}

		@Override
		public JsonToken nextToken() {
			JsonToken token = super.nextToken();
			String tag = (token != null && token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) ? getTypeId()
					: null;
			if (tag != null) {
				throw _constructReadException(
						"the YAML tag '" + written(tag) + "' is not accepted: write the value without a tag");
			}
			return token;
		}

		/**
		 * The tag as written: {@code !!binary} for the standard ones, else {@code !name}.
		 */
		private static String written(String tag) {
			String standard = "tag:yaml.org,2002:";
			return tag.startsWith(standard) ? "!!" + tag.substring(standard.length()) : "!" + tag;
		}

	}

}
