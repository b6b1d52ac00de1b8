package io.mseg.console.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.converter.yaml.JacksonYamlHttpMessageConverter;

/**
 * JSON and YAML bodies written whole, with their {@code Content-Length}. Spring MVC
 * flushes the response of a handler that returns a {@code ResponseEntity} before the
 * request ends, and a response flushed before its length is known goes out chunked: a
 * second TLS record and write for the last chunk, on every answer. The profile of
 * {@code GET /processingunits/{id}} had that flush at 9% of the console's CPU.
 */
final class WholeBodies {

	private WholeBodies() {
	}

	/** Lets {@code writer} write into a buffer, then sends the buffer with its length. */
	static void writeWhole(HttpOutputMessage output, BodyWriter writer) throws IOException {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream(2048);
		writer.write(new HttpOutputMessage() {

			@Override
			public OutputStream getBody() {
				return buffer;
			}

			@Override
			public HttpHeaders getHeaders() {
				return output.getHeaders();
			}

		});
		output.getHeaders().setContentLength(buffer.size());
		buffer.writeTo(output.getBody());
	}

	@FunctionalInterface
	interface BodyWriter {

		void write(HttpOutputMessage output) throws IOException;

	}

	static final class Json extends JacksonJsonHttpMessageConverter {

		Json(JsonMapper mapper) {
			super(mapper);
		}

		@Override
		protected void writeInternal(Object object, ResolvableType type, HttpOutputMessage output,
				Map<String, Object> hints) throws IOException {
			writeWhole(output, (buffered) -> super.writeInternal(object, type, buffered, hints));
		}

	}

	static final class Yaml extends JacksonYamlHttpMessageConverter {

		Yaml(YAMLMapper.Builder mapper) {
			super(mapper);
		}

		@Override
		protected void writeInternal(Object object, ResolvableType type, HttpOutputMessage output,
				Map<String, Object> hints) throws IOException {
			writeWhole(output, (buffered) -> super.writeInternal(object, type, buffered, hints));
		}

	}

}
