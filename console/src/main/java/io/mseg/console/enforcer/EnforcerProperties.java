package io.mseg.console.enforcer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Enforcer settings (prefix {@code mseg.enforcers}).
 *
 * @param certificateLifetime lifetime of enforcer client certificates; enforcers renew
 * after two thirds of it
 * @param enrollmentTokenLifetime default lifetime of an enrollment token
 * @param enrollmentsPerMinute enrollment attempts accepted per source address and minute
 * (429 beyond)
 * @param disconnectedAfter how long without contact (a request or an open event stream)
 * before an enforcer shows {@code Disconnected}
 */
@ConfigurationProperties("mseg.enforcers")
public record EnforcerProperties(@DefaultValue("24h") Duration certificateLifetime,
		@DefaultValue("1h") Duration enrollmentTokenLifetime, @DefaultValue("30") int enrollmentsPerMinute,
		@DefaultValue("5m") Duration disconnectedAfter) {

}
