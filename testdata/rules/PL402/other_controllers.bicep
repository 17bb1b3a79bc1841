// One identity for several Flux controllers, as the Azure docs set it up: the
// source-controller's credential and the image-reflector-controller's (and the
// kustomize-controller's, for SOPS) on the identity the extension names. Silent.
// The second cluster's identity has only the image-reflector-controller's: that
// one is reported, the source-controller has none.
resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-controllers1'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-controllers1'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'flux-controllers1'
  location: 'westeurope'
}

resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: {
    extensionType: 'microsoft.flux'
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': fluxIdentity.properties.clientId
    }
  }
}

var controllers = [
  'source-controller'
  'image-reflector-controller'
  'kustomize-controller'
]

@batchSize(1)
resource credentials 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = [
  for controller in controllers: {
    parent: fluxIdentity
    name: controller
    properties: {
      issuer: aks.properties.oidcIssuerProfile.issuerURL
      subject: 'system:serviceaccount:flux-system:${controller}'
      audiences: ['api://AzureADTokenExchange']
    }
  }
]

resource aks2 'Microsoft.ContainerService/managedClusters@2024-02-01' = {
  name: 'aks-controllers2'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-controllers2'
    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}

resource fluxIdentity2 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'flux-controllers2'
  location: 'westeurope'
}

resource flux2 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks2
  properties: {
    extensionType: 'microsoft.flux'
    configurationSettings: {
      'workloadIdentity.enable': 'true'
      'workloadIdentity.azureClientId': fluxIdentity2.properties.clientId
    }
  }
}

resource imageReflectorOnly 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: fluxIdentity2
  name: 'image-reflector-controller'
  properties: {
    issuer: aks2.properties.oidcIssuerProfile.issuerURL
    // expect: PL402 error 14-76
    subject: 'system:serviceaccount:flux-system:image-reflector-controller'
    audiences: ['api://AzureADTokenExchange']
  }
}
