# Russian formats the portal changes; everything else is Django's. A day with its month takes the
# month in the genitive: «8 марта», not Django's «8 Март».
MONTH_DAY_FORMAT = "j E"
