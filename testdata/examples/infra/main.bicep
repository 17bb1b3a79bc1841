// The production cluster: AKS + the microsoft.flux extension + a flux configuration
// that pulls the cluster config from Azure DevOps.
param location string = resourceGroup().location
param clusterName string = 'aks-prod'
param adoOrganization string = 'contoso'
param adoProject string = 'platform'

var configRepoUrl = 'https://dev.azure.com/${adoOrganization}/${adoProject}/_git/cluster-config'

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
    agentPoolProfiles: [
      {
        name: 'system'
        count: 3
        vmSize: 'Standard_D4ds_v5'
        mode: 'System'
      }
    ]
  }
}

module fluxIdentity 'modules/identity.bicep' = {
  name: 'flux-identity'
  params: {
    location: location
    issuerUrl: aks.properties.oidcIssuerProfile.issuerURL
  }
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2023-05-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: true
    version: '1.12.1'
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': fluxIdentity.outputs.clientId
    }
  }
}

resource clusterConfig 'Microsoft.KubernetesConfiguration/fluxConfigurations@2023-05-01' = {
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
      repositoryRef: {
        branch: 'main'
      }
    }
    kustomizations: {
      infra: {
        path: './clusters/prod'
        prune: true
      }
    }
  }
}
