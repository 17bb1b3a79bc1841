// A cluster rule found at a variable, outside the cluster: drawn on the cluster. id-web-app only trusts
// the cluster's issuer: it is not Flux's and is not drawn.
var oidcProfile = { enabled: false }
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks1'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    oidcIssuerProfile: oidcProfile
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
  }
}
resource app 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-web-app'
  location: 'westeurope'
}
resource appFederation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: app
  name: 'web'
  properties: {
    issuer: aks.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:shop:web'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}
