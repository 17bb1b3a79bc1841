using './identity.bicep'
param issuer = 'https://westeurope.oic.prod-aks.azure.com/tenant/dev/'
param subject = 'system:serviceaccount:flux-system:kustomize-controller'
