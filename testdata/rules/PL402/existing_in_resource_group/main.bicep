// Flux's identity lives in a resource group of its own, made outside this
// repository: the template reads it for the extension, and a module scoped to
// that group gives it the credential. Both read the same identity.
param location string = resourceGroup().location

resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks1'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks1'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: 'id-flux'
  scope: resourceGroup(subscription().subscriptionId, 'rg-identities')
}

module credential 'credential.bicep' = {
  name: 'flux-credential'
  scope: resourceGroup('RG-Identities')
  params: {
    identityName: 'id-flux'
    issuer: aks.properties.oidcIssuerProfile.issuerURL
  }
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2023-05-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: true
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': fluxIdentity.properties.clientId
    }
  }
}
