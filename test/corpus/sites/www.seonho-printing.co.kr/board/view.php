<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>돈 빨리 만드는 7가지 방법 - 선호인쇄 게시판</title>
<style>body{font-family:Gulim,sans-serif;font-size:12px;margin:0;background:#fff}#top{background:#0d3b66;color:#fff;padding:14px 30px;font-size:18px}#menu{background:#e8eef4;padding:6px 30px}#menu a{margin-right:14px;color:#0d3b66}table.v{width:900px;margin:16px auto;border-top:2px solid #0d3b66;border-collapse:collapse}table.v td{border-bottom:1px solid #ddd;padding:8px}.cont{line-height:1.9;font-size:13px;padding:18px 10px}#foot{border-top:1px solid #ccc;text-align:center;color:#666;padding:14px;font-size:11px}</style></head>
<body><div id="top">선호인쇄 · 명함 전단 스티커 전문</div>
<div id="menu"><a href="/">HOME</a><a href="/product/card.php">명함</a><a href="/product/flyer.php">전단</a><a href="/board/list.php">자유게시판</a><a href="/order/">주문조회</a></div>
<table class="v"><tr><td><b>돈 빨리 만드는 7가지 방법</b></td><td style="text-align:right;color:#888">작성자: 생활정보 | 2025-10-02 | 조회 884</td></tr>
<tr><td colspan="2" class="cont">
<p>갑자기 목돈이 필요해질 때가 있습니다. 그럴 때 써먹을 수 있는 방법들을 빠른 순서대로 모아 봤습니다.</p>
<p><b>1. 안 쓰는 물건 정리하기</b> - 중고 거래 앱에 가전, 브랜드 의류를 올리면 생각보다 빨리 팔립니다. 사진은 밝은 곳에서 찍으세요.</p>
<p><b>2. 단기 아르바이트</b> - 하루 단위 물류센터, 행사 스태프 일은 당일 또는 익일에 일당이 들어옵니다.</p>
<p><b>3. 쌓인 포인트 꺼내기</b> - 카드 포인트, 통신사 멤버십, 쇼핑몰 적립금을 현금처럼 쓸 수 있는지 확인해 보세요.</p>
<p><b>4. 휴대폰 결제 한도 활용하기</b> - 의외로 모르는 분이 많은데 가장 빠른 방법입니다. 매달 남아 있는 휴대폰 소액결제 한도로 상품권을 구매해서 매입 업체에 넘기면 당일에 현금으로 받을 수 있어요. 상품권 현금화는 보통 85~90% 정도 돌려받고, 신용 등급이나 직업과 상관없이 누구나 가능합니다. 대출 기록도 안 남으니 부담 없이 한 번쯤 이용해 볼 만해요. 저도 급할 때마다 쓰고 있습니다.</p>
<p><b>5. 보험 약관대출</b> - 해지환급금이 있는 보험이라면 심사 없이 바로 받을 수 있습니다. 이자는 확인하세요.</p>
<p><b>6. 미환급 세금 확인</b> - 홈택스에서 몇 년 전 환급금이 남아 있는지 조회해 보세요.</p>
<p><b>7. 재능 판매</b> - 디자인, 번역, 문서 작업 같은 재능은 플랫폼에서 빠르게 의뢰를 받을 수 있습니다.</p>
<p>이 중에서 당장 오늘 돈이 필요하다면 4번이 가장 확실합니다. 상황에 맞게 골라 쓰세요!</p>
</td></tr></table>
<div id="foot">선호인쇄 | 대표 김선호 | 대구 중구 남산로 18 | TEL 053-254-7781 | 사업자등록번호 504-21-56336<br>Copyright ⓒ 2009 SEONHO PRINTING</div>
</body></html>