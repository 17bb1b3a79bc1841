// Values patless cannot know: drawn as unknown, never as broken. id-for-an-app is not Flux's.
param clientId string
param repoUrl string
param subject string
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks1'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
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
      'workloadIdentity.azureClientId': clientId
    }
  }
}
resource config 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {
  name: 'config'
  scope: aks
  properties: { gitRepository: { url: repoUrl, provider: 'Azure' } }
  dependsOn: [ flux ]
}
resource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id1'
  location: 'westeurope'
}
resource fic 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: id
  name: 'fic'
  properties: {
    issuer: aks.properties.oidcIssuerProfile.issuerURL
    subject: subject
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}
resource aks2 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks2'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}
resource flux2 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks2
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: false
    version: '1.15.1'
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': id.properties.clientId
    }
  }
}
resource unrelated 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-for-an-app'
  location: 'westeurope'
}
