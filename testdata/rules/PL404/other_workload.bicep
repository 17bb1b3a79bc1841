// One identity for Flux and an application: the application's credential keeps its own audience (silent).
// The same without Flux's credential: the one credential is Flux's, and its audience is wrong (fires).
resource aks1 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-shared'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-shared'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource shared 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-flux-and-orders'
  location: 'westeurope'
}

resource fluxCred 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: shared
  name: 'flux'
  properties: {
    issuer: aks1.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:flux-system:source-controller'
    audiences: [ 'api://AzureADTokenExchange' ]
  }
}

resource ordersCred 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: shared
  name: 'orders'
  properties: {
    issuer: aks1.properties.oidcIssuerProfile.issuerURL
    subject: 'system:serviceaccount:shop:orders'
    audiences: [ 'api://orders' ]
  }
  dependsOn: [ fluxCred ]
}

resource flux1 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks1
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: true
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': shared.properties.clientId
    }
  }
}

resource aks2 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-lonely'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-lonely'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource lonely 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-orders-only'
  location: 'westeurope'
}

resource onlyCred 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: lonely
  name: 'orders'
  properties: {
    issuer: aks2.properties.oidcIssuerProfile.issuerURL
    // expect: PL402 error 14-49
    subject: 'system:serviceaccount:shop:orders'
    // expect: PL404 error 16-34
    audiences: [ 'api://orders' ]
  }
}

resource flux2 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks2
  properties: {
    extensionType: 'microsoft.flux'
    autoUpgradeMinorVersion: true
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': lonely.properties.clientId
    }
  }
}
