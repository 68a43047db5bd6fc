// SGXAttestation
