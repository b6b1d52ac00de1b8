package io.mseg.cli;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests the console of the test run, as a {@link ConsoleProcess}
 * parameter: the first class that asks starts it, the end of the run stops it (the root
 * store closes what it holds), so a console starts once however many classes use it.
 */
final class RunningConsole implements ParameterResolver {

	/** The admin token of the console's root namespace. */
	static final String BOOTSTRAP_TOKEN = "msegctl-it-bootstrap-token-0123456789";

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningConsole.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == ConsoleProcess.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getRoot().getStore(NAMESPACE).computeIfAbsent(ConsoleProcess.class, (key) -> {
			try {
				return ConsoleProcess.start(BOOTSTRAP_TOKEN);
			}
			catch (Exception ex) {
				throw new IllegalStateException("the console did not start", ex);
			}
		}, ConsoleProcess.class);
	}

}
