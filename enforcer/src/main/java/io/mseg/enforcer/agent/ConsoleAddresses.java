package io.mseg.enforcer.agent;

import java.io.IOException;
import java.util.List;
import java.util.logging.Logger;

import io.mseg.enforcer.nftables.NftException;
import io.mseg.enforcer.nftables.RulesetOptions.Endpoint;

/**
 * Keeps the rules that always let the console's connection through on the console's
 * current addresses: resolved at start-up and before every session, the rules applied
 * again when they moved. A name that does not resolve keeps the addresses known so far.
 */
final class ConsoleAddresses {

	private static final Logger log = Logger.getLogger(ConsoleAddresses.class.getName());

	private final ConsoleResolver resolver;

	private final Enforcement enforcement;

	private boolean first = true;

	ConsoleAddresses(ConsoleResolver resolver, Enforcement enforcement) {
		this.resolver = resolver;
		this.enforcement = enforcement;
	}

	/**
	 * Resolves the console's host; logs its addresses at the first call and when they
	 * move.
	 */
	void refresh() {
		try {
			List<Endpoint> endpoints = this.resolver.resolve();
			if (this.enforcement.consoleMoved(endpoints) || this.first) {
				log.info(() -> "Console at " + endpoints.stream().map((e) -> e.address() + ":" + e.port()).toList());
			}
		}
		catch (IOException ex) {
			log.warning(ex.getMessage() + "; keeping the console addresses known so far "
					+ this.enforcement.options().console());
		}
		catch (NftException ex) {
			log.severe("nft refused the ruleset with the console's new address: " + ex.getMessage());
		}
		this.first = false;
	}

}
