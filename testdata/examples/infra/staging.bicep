// The staging cluster: the whole chain wired right. staging.bicepparam deploys it.
param location string = resourceGroup().location
param clusterName string
param configRepoUrl string

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: clusterName
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dnsPrefix: clusterName
    oidcIssuerProfile: {
      enabled: true
    }
    securityProfile: {
      workloadIdentity: {
        enabled: true
      }
    }
    agentPoolProfiles: [
      {
        name: 'system'
        count: 2
        vmSize: 'Standard_D4ds_v5'
        mode: 'System'
      }
    ]
  }
}

module fluxIdentity 'modules/identity-staging.bicep' = {
  name: 'flux-identity-staging'
  params: {
    location: location
    issuerUrl: aks.properties.oidcIssuerProfile.issuerURL
  }
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: false
    version: '1.15.1'
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': fluxIdentity.outputs.clientId
    }
  }
}

resource clusterConfig 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'cluster-config'
  scope: aks
  dependsOn: [
    flux
  ]
  properties: {
    scope: 'cluster'
    namespace: 'flux-system'
    sourceKind: 'GitRepository'
    gitRepository: {
      url: configRepoUrl
      provider: 'Azure'
      repositoryRef: {
        branch: 'main'
      }
    }
    kustomizations: {
      infra: {
        path: './clusters/staging'
        prune: true
      }
    }
  }
}
