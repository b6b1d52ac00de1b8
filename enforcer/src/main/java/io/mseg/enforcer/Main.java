package io.mseg.enforcer;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.mseg.enforcer.agent.Agent;
import io.mseg.enforcer.config.EnforcerCommand;
import io.mseg.enforcer.config.Settings;

/**
 * {@code java -jar enforcer.jar --console https://host:8443 --token <token> ...}: parses
 * the flags and runs the agent until the process is stopped. The rules stay in the kernel
 * when it stops.
 */
public final class Main {

	private static final Logger log = Logger.getLogger(Main.class.getName());

	private Main() {
	}

	public static void main(String[] args) {
		OneLineLogFormat.install();
		System.exit(run(args, System.getenv()));
	}

	/**
	 * Runs the enforcer.
	 * @param args the flags
	 * @param environment the environment variables
	 * @return the exit code
	 */
	static int run(String[] args, Map<String, String> environment) {
		return EnforcerCommand.commandLine(Main::launch, environment).execute(args);
	}

	private static int launch(Settings settings) {
		Agent agent;
		try {
			agent = Agent.create(settings);
		}
		catch (IOException ex) {
			log.severe("Cannot use the state directory " + settings.stateDirectory() + ": " + ex.getMessage());
			return Agent.NO_NFT;
		}
		CountDownLatch finished = new CountDownLatch(1);
		Thread hook = new Thread(() -> {
			if (finished.getCount() > 0) {
				log.info("Stopping; the kernel keeps enforcing the last policy");
				agent.stop();
				try {
					finished.await(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}, "enforcer-shutdown");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			return agent.run();
		}
		finally {
			finished.countDown();
		}
	}

}
