// A parameter file can deploy a registry module itself (AVM documents each
// module "via Bicep parameters file"): the template is read from Bicep's cache
// as a module's is, and PL102 (no provider) is reported at the `using`.
using 'br/public:avm/res/kubernetes-configuration/flux-configuration:0.3.8'

param name = 'from-parameters'
param clusterName = 'aks-registry'
param gitRepository = {
  url: 'https://dev.azure.com/contoso/infra/_git/params'
  repositoryRef: { branch: 'main' }
}
param kustomizations = {}
