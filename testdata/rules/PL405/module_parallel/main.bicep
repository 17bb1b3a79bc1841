// Two modules write credentials to one identity at the same time (fires, at the
// module declaration where dependsOn goes).
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-module-parallel'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-module-parallel'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-flux-module-parallel'
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

// expect: PL405 warning 1-33
module second 'credential.bicep' = {
  name: 'second'
  params: {
    identityName: fluxIdentity.name
    name: 'orders'
    issuer: aks.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:shop:orders'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
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
