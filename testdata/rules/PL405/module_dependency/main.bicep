// Two modules write credentials to one identity, `second` after `first` (silent).
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-module-dependency'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-module-dependency'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-flux-module-dependency'
  location: 'westeurope'
}

module first 'credential.bicep' = {
  name: 'first'
  params: {
    identityName: fluxIdentity.name
    name: 'flux'
    issuer: aks.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:flux-system:source-controller'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}

module second 'credential.bicep' = {
  name: 'second'
  params: {
    identityName: fluxIdentity.name
    name: 'orders'
    issuer: aks.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:shop:orders'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
  dependsOn: [ first ]
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
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
