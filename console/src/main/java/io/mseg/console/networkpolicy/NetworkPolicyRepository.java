package io.mseg.console.networkpolicy;

import io.mseg.console.object.ObjectRepository;

interface NetworkPolicyRepository extends ObjectRepository<NetworkPolicyEntity> {

}
