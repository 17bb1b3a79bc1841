// Three more clusters, each with one link of the chain broken (see `patless graph`):
// the sandbox's credential trusts the production cluster's issuer, the lab's flux
// configuration has no microsoft.flux extension under it, and the QA identity has
// no federated credential at all.
param location string = resourceGroup().location

var clusterProperties = {
  dnsPrefix: 'flux'
  oidcIssuerProfile: { enabled: true }
  securityProfile: { workloadIdentity: { enabled: true } }
}

resource prod 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks-prod'
}

resource sandbox 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-sandbox'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: clusterProperties
}

resource sandboxIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-flux-sandbox'
  location: location
}

resource sandboxFederation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: sandboxIdentity
  name: 'flux-source-controller'
  properties: {
    issuer: prod.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:flux-system:source-controller'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}

resource sandboxFlux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: sandbox
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: false
    version: '1.15.1'
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': sandboxIdentity.properties.clientId
    }
  }
}

resource lab 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-lab'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: clusterProperties
}

resource labConfig 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'cluster-config'
  scope: lab
  properties: {
    scope: 'cluster'
    namespace: 'flux-system'
    sourceKind: 'GitRepository'
    gitRepository: {
      url: 'https://github.com/contoso/lab-config'
      repositoryRef: { branch: 'main' }
    }
  }
}

resource qa 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-qa'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: clusterProperties
}

resource qaIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-flux-qa'
  location: location
}

resource qaFlux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: qa
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: false
    version: '1.15.1'
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': qaIdentity.properties.clientId
    }
  }
}
