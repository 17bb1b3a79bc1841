// Bicep deploys an ARM template as a module as it deploys a Bicep file: the
// template's parameters take the values the module passes. The first call gives
// no provider (PL102 in the template); the second gives 'Azure' (silent).
module noProvider 'modules/flux.json' = {
  name: 'flux-no-provider'
  params: {
    clusterName: 'aks-json-module'
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      repositoryRef: { branch: 'main' }
    }
  }
}

module withProvider 'modules/flux.json' = {
  name: 'flux-with-provider'
  params: {
    clusterName: 'aks-json-module'
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
      repositoryRef: { branch: 'main' }
    }
  }
}
