package io.mseg.enforcer.agent;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

import io.mseg.enforcer.config.Settings;
import io.mseg.enforcer.enroll.Enrolled;
import io.mseg.enforcer.enroll.Enrollment;
import io.mseg.enforcer.enroll.EnrollmentException;
import io.mseg.enforcer.enroll.EnrollmentToken;
import io.mseg.enforcer.nftables.NftClient;
import io.mseg.enforcer.nftables.NftException;

/**
 * What happens before the first session: {@code nft} checked, the stored policy enforced
 * (the host is protected before the console answers), the enrollment loaded from the
 * state directory or made with the token. Only this may stop the enforcer with an exit
 * code; later failures are retried.
 */
final class Startup {

	private static final Logger log = Logger.getLogger(Startup.class.getName());

	private final Settings settings;

	private final NftClient nft;

	private final ConsoleAddresses console;

	private final PolicyFetcher fetcher;

	private final Enrollment enrollment;

	private final ConsoleLink link;

	private final TimeSource time;

	Startup(Settings settings, NftClient nft, ConsoleAddresses console, PolicyFetcher fetcher, Enrollment enrollment,
			ConsoleLink link, TimeSource time) {
		this.settings = settings;
		this.nft = nft;
		this.console = console;
		this.fetcher = fetcher;
		this.enrollment = enrollment;
		this.link = link;
		this.time = time;
	}

	/**
	 * Starts.
	 * @return {@link Agent#OK} with the enrollment in the {@link ConsoleLink}, or the
	 * exit code of what went wrong
	 */
	int start() {
		try {
			String version = this.nft.version();
			log.info(() -> "Using " + version + ", table inet " + this.settings.nftTable());
		}
		catch (NftException ex) {
			log.severe("nft is missing or not working: " + ex.getMessage());
			return Agent.NO_NFT;
		}
		this.console.refresh();
		try {
			this.fetcher.enforceStored();
			Optional<Enrolled> known = this.enrollment.load();
			if (known.isPresent()) {
				this.link.enrolled(known.get());
				checkKnown(known.get());
			}
			else if (this.settings.token() == null) {
				log.severe("Not enrolled yet and no enrollment token: give --token (or MSEG_ENFORCER_TOKEN)");
				return Agent.NO_ENROLLMENT;
			}
			else {
				this.link.enrolled(this.enrollment.enroll(EnrollmentToken.parse(this.settings.token()),
						this.settings.name(), this.settings.console().toString()));
			}
		}
		catch (EnrollmentException ex) {
			log.severe("Cannot enroll with the console at " + this.settings.console() + ": " + ex.getMessage());
			return Agent.NO_ENROLLMENT;
		}
		catch (IOException ex) {
			log.severe("State directory " + this.settings.stateDirectory() + ": " + ex.getMessage());
			return Agent.NO_NFT;
		}
		return Agent.OK;
	}

	/**
	 * An enrollment from the state directory: says what is wrong with it, if anything.
	 */
	private void checkKnown(Enrolled enrolled) {
		log.info(() -> "Enforcer " + enrolled.identity().id() + " (" + enrolled.identity().name() + ") in "
				+ enrolled.identity().namespace() + ", certificate valid until " + enrolled.credentials().expiresAt());
		if (!enrolled.credentials().expiresAt().isAfter(this.time.now())) {
			log.severe("The client certificate expired at " + enrolled.credentials().expiresAt()
					+ ": the console will refuse it and it cannot be renewed. Still enforcing the stored policy. "
					+ "To reconnect: delete enforcer " + enrolled.identity().id() + " in the console, remove "
					+ this.settings.stateDirectory() + " and start again with a new enrollment token.");
		}
		if (!this.settings.console().toString().equals(enrolled.identity().console())) {
			log.warning("Enrolled with " + enrolled.identity().console() + " but --console is "
					+ this.settings.console() + "; using " + this.settings.console());
		}
	}

}
