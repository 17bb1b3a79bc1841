// PL002 fires: suppressions that name no patless rule.
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

// expect: PL002 warning 30-35
// patless-disable-next-line PL1O2 the URL is migrated next sprint
resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks
  properties: {
    gitRepository: {
      // expect: PL102 error 12-61
      url: 'https://dev.azure.com/contoso/infra/_git/config'
    }
  }
}
