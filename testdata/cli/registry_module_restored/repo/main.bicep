// Registry modules Bicep restored (this case's HOME has them in ~/.bicep) are
// read from its cache: the first call gives no provider and is reported at its
// reference; the second gives 'Azure'; the third is suppressed; the fourth was
// never restored and stays unknown. The last, from the team's registry (an alias
// of bicepconfig.json, a tag with capitals), installs the extension without
// workload identity in a nested deployment: PL203 at its reference. The team's
// template spec (a ts: alias) deploys a configuration without provider: PL102.
module noProvider 'br/public:avm/res/kubernetes-configuration/flux-configuration:0.3.8' = {
  name: 'flux-no-provider'
  params: {
    name: 'no-provider'
    clusterName: 'aks-registry'
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      repositoryRef: { branch: 'main' }
    }
    kustomizations: {}
  }
}

module withProvider 'br/public:avm/res/kubernetes-configuration/flux-configuration:0.3.8' = {
  name: 'flux-with-provider'
  params: {
    name: 'with-provider'
    clusterName: 'aks-registry'
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
      repositoryRef: { branch: 'main' }
    }
    kustomizations: {}
  }
}

// patless-disable-next-line PL102 -- moving to workload identity in the next release
module suppressed 'br/public:avm/res/kubernetes-configuration/flux-configuration:0.3.8' = {
  name: 'flux-suppressed'
  params: {
    name: 'suppressed'
    clusterName: 'aks-registry'
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/legacy'
      repositoryRef: { branch: 'main' }
    }
    kustomizations: {}
  }
}

module notRestored 'br/public:avm/res/kubernetes-configuration/flux-configuration:0.4.0' = {
  name: 'flux-not-restored'
  params: {
    name: 'not-restored'
    clusterName: 'aks-registry'
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
    }
    kustomizations: {}
  }
}

resource cluster 'Microsoft.ContainerService/managedClusters@2025-05-01' existing = {
  name: 'aks-registry'
}

module aksFlux 'br/contoso:aks-flux:V1' = {
  name: 'aks-flux'
  params: {
    clusterName: cluster.name
  }
}

module fromSpec 'ts/platform:flux-config:2.0' = {
  name: 'flux-from-spec'
  params: {
    clusterName: cluster.name
    repositoryUrl: 'https://dev.azure.com/contoso/infra/_git/platform'
  }
}
