// Names only: no resource of the identity chain.
param controller string

output fluxSubject string = 'system:serviceaccount:flux-system:${controller}'
