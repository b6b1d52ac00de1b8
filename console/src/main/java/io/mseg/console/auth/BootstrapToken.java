package io.mseg.console.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.mseg.console.ConsoleProperties;
import io.mseg.console.identity.Role;
import io.mseg.policy.model.NamespacePath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * On the very first start of an installation, creates an admin token for {@code /},
 * writes it to {@code <data dir>/bootstrap-token} (mode 0600) and logs it once. Later
 * starts, and other replicas of the same database, create none.
 * {@code MSEG_BOOTSTRAP_TOKEN} presets its value (then it is not logged).
 */
@Component
class BootstrapToken implements ApplicationRunner {

	static final String FILE = "bootstrap-token";

	private static final Logger log = LoggerFactory.getLogger(BootstrapToken.class);

	private static final int MIN_PRESET_LENGTH = 16;

	private final JdbcClient jdbc;

	private final ApiTokenService tokens;

	private final ConsoleProperties properties;

	BootstrapToken(JdbcClient jdbc, ApiTokenService tokens, ConsoleProperties properties) {
		this.jdbc = jdbc;
		this.tokens = tokens;
		this.properties = properties;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) throws IOException {
		String preset = this.properties.bootstrapToken();
		if (StringUtils.hasText(preset) && (preset.length() < MIN_PRESET_LENGTH || !Secrets.wellFormed(preset))) {
			throw new IllegalStateException("MSEG_BOOTSTRAP_TOKEN must be at least " + MIN_PRESET_LENGTH
					+ " printable characters without spaces");
		}
		// One row marks the installation as bootstrapped; the insert decides which
		// process does it.
		int claimed = this.jdbc
			.sql("insert into console_settings (key, value) values ('bootstrap-token', now()::text) "
					+ "on conflict (key) do nothing")
			.update();
		if (claimed == 0) {
			return;
		}
		String secret = StringUtils.hasText(preset) ? preset : Secrets.generate("mseg_");
		this.tokens.createWithSecret(NamespacePath.ROOT, "bootstrap", Role.ADMIN, secret);
		Path file = this.properties.dataDir().resolve(FILE);
		Files.createDirectories(file.getParent());
		Files.deleteIfExists(file);
		Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
		if (StringUtils.hasText(preset)) {
			log.info("Created the bootstrap admin token for / from MSEG_BOOTSTRAP_TOKEN (also in {})", file);
		}
		else {
			log.warn("Created the bootstrap admin token for / (shown this once, also in {}): {}", file, secret);
		}
	}

}
