package io.mseg.console.tenancy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks a request's namespace before anything else about it (its body included), so that
 * a namespace the caller cannot see answers 404 whatever else is wrong with the request.
 */
@Component
class NamespaceInterceptor implements HandlerInterceptor {

	private final NamespaceDirectory directory;

	NamespaceInterceptor(NamespaceDirectory directory) {
		this.directory = directory;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (handler instanceof HandlerMethod method && takesNamespace(method)) {
			this.directory.resolve(request.getHeader(NamespaceDirectory.HEADER));
		}
		return true;
	}

	private static boolean takesNamespace(HandlerMethod method) {
		for (var parameter : method.getMethodParameters()) {
			RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
			if (header != null && NamespaceDirectory.HEADER.equals(header.name())) {
				return true;
			}
		}
		return false;
	}

}
