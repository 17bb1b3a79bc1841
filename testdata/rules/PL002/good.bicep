// PL002 stays silent: known ids, and Bicep's own linter codes in #disable-next-line.
param unused string = 'x'

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks1'
}

// patless-disable-next-line PL102 the repository moves to workload identity in PLAT-123
resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks
  properties: {
    gitRepository: {
      url: 'https://dev.azure.com/contoso/infra/_git/config'
    }
  }
}

resource legacy 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'legacy'
  scope: aks
  properties: {
    gitRepository: {
      #disable-next-line no-hardcoded-env-urls PL102
      url: 'https://dev.azure.com/contoso/legacy/_git/config'
    }
  }
}

resource planned 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'planned'
  scope: aks
  properties: {
    gitRepository: {
      // A reason whose words start like an id ("placed", "plan") is still a reason.
      // patless-disable-next-line PL102 placed here until the plan of PLAT-9 lands
      url: 'https://dev.azure.com/contoso/planned/_git/config'
    }
    #disable-next-line BCP037 // a false positive: the property works when placed here
    etag: 'x'
  }
}
