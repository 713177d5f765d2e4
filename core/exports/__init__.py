"""Everything that leaves the app as a file: the review's Word report and workbook
(`review_report`), the evaluation papers (`evaluation_papers`), the Excel and CSV writer every
export goes through (`spreadsheet`), the charts as PNG images (`chart_images`) and the layout
of a Vietnamese administrative paper in Word (`docx_layout`).

The figures and tables come from the rest of core (core.summary, core.evaluations); the
charts from core.charts. Nothing here reads what the pages do not show.
"""
