// SGXSign
