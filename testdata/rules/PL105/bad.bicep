// PL105 fires: secrets left beside provider 'Azure'.

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
      provider: 'Azure'
      // expect: PL105 warning 7-16
      httpsUser: 'flux'
      // expect: PL105 warning 7-19
      localAuthRef: 'flux-pat'
    }
    configurationProtectedSettings: {
      // expect: PL105 warning 7-15
      httpsKey: 'bm90LWEtcmVhbC10b2tlbg=='
    }
  }
}
