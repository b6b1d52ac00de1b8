package io.mseg.console;

import io.mseg.console.web.RequestExample;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import org.springdoc.core.customizers.OperationCustomizer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;

/**
 * Gives an operation's request body, in each of its media types, the
 * {@link RequestExample} of its body's type.
 */
final class RequestExamples implements OperationCustomizer {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public Operation customize(Operation operation, HandlerMethod handler) {
		if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
			return operation;
		}
		for (MethodParameter parameter : handler.getMethodParameters()) {
			RequestExample example = parameter.hasParameterAnnotation(RequestBody.class)
					? AnnotationUtils.findAnnotation(parameter.getParameterType(), RequestExample.class) : null;
			if (example != null) {
				// Plain maps and lists: the document is written by the OpenAPI library's
				// own
				// JSON mapper.
				Example value = new Example().value(JSON.readValue(example.value(), Object.class));
				operation.getRequestBody()
					.getContent()
					.values()
					.forEach((media) -> media.addExamples(example.name(), value));
			}
		}
		return operation;
	}

}
