package io.mseg.console.externalnetwork;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of external networks fed from published lists (prefix {@code mseg.feeds}).
 *
 * @param allowHttp whether a source may use plain http ({@code MSEG_FEEDS_ALLOWHTTP}); by
 * default only https, whose server is verified, is accepted
 */
@ConfigurationProperties("mseg.feeds")
public record FeedProperties(@DefaultValue("false") boolean allowHttp) {

}
