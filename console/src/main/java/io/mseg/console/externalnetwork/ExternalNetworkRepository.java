package io.mseg.console.externalnetwork;

import io.mseg.console.object.ObjectRepository;

interface ExternalNetworkRepository extends ObjectRepository<ExternalNetworkEntity> {

}
