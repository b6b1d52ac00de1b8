package io.mseg.console;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the console (prefix {@code mseg}).
 *
 * @param dataDir where the console keeps its state: the embedded database and, later, its
 * CA. Set with {@code MSEG_DATA_DIR}; default {@code ./data}.
 * @param maxBodySize largest request body accepted by the API (413 beyond it), except
 * imports
 * @param maxImportSize largest body accepted by {@code POST /import}
 * @param maxFlowReportSize largest body accepted by {@code POST
 * /enforcers/{id}/flowreports} (2,000 records with IPv6 addresses and long domain names
 * need more than the default body size)
 * @param maxPageSize largest {@code pagesize} a list request may ask for
 * @param bootstrapToken the value of the admin token created on first start
 * ({@code MSEG_BOOTSTRAP_TOKEN}); generated when empty
 */
@Validated
@ConfigurationProperties("mseg")
public record ConsoleProperties(@DefaultValue("./data") Path dataDir, @DefaultValue("1MB") DataSize maxBodySize,
		@DefaultValue("32MB") DataSize maxImportSize, @DefaultValue("4MB") DataSize maxFlowReportSize,
		@DefaultValue("1000") int maxPageSize, String bootstrapToken) {

}
